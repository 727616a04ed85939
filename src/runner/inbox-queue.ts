// Messages as they arrive, and waits for the next one a scenario asks for. Each message is handed out once.

import { StepNotReached } from '../core/driver.ts';

const DEFAULT_TIMEOUT_MS = 30_000;

export class MessageQueue<T> {
  private readonly unread: T[] = [];
  private readonly waiters = new Set<{ match: (m: T) => boolean; resolve: (m: T) => void }>();

  push(m: T): void {
    for (const w of this.waiters) {
      if (!w.match(m)) continue;
      this.waiters.delete(w);
      w.resolve(m);
      return;
    }
    this.unread.push(m);
  }

  /** `what` names the wait in the StepNotReached a timeout throws ("inbox to=a@b subject=Confirm"). */
  waitFor(match: (m: T) => boolean, what: string, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<T> {
    const i = this.unread.findIndex(match);
    if (i >= 0) return Promise.resolve(this.unread.splice(i, 1)[0]!);
    return new Promise<T>((resolve, reject) => {
      const waiter = {
        match,
        resolve: (m: T) => {
          clearTimeout(timer);
          resolve(m);
        },
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(new StepNotReached(what, `no message (${what}) arrived within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiters.add(waiter);
    });
  }
}
