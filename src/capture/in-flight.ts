// Exchanges seen but not yet written, so stop() can wait for them and write any that never finish.

export class InFlight<T> {
  private readonly pending = new Map<string, T>();
  private idleWaiters: Array<() => void> = [];

  get size(): number {
    return this.pending.size;
  }

  get(key: string): T | undefined {
    return this.pending.get(key);
  }

  set(key: string, value: T): void {
    this.pending.set(key, value);
  }

  /** Removes and returns the exchange; wakes stop() when nothing is left. */
  take(key: string): T | undefined {
    const value = this.pending.get(key);
    this.pending.delete(key);
    if (this.pending.size === 0) {
      for (const wake of this.idleWaiters.splice(0)) wake();
    }
    return value;
  }

  /** Resolves when nothing is pending or after timeoutMs; returns what is still pending then. */
  async drain(timeoutMs: number): Promise<Array<[string, T]>> {
    if (this.pending.size > 0) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, timeoutMs);
        this.idleWaiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    const left = [...this.pending.entries()];
    this.pending.clear();
    return left;
  }
}
