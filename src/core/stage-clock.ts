// Where a run's time goes: each stage's wall time, printed at the end so slow stages are visible.

export interface StageTime {
  stage: string;
  ms: number;
}

export class StageClock {
  readonly times: StageTime[] = [];
  private last = performance.now();

  /** Closes the stage that ran since the previous lap (or since the clock was made). */
  lap(stage: string): void {
    const now = performance.now();
    this.times.push({ stage, ms: now - this.last });
    this.last = now;
  }

  /** Times a stage of its own without moving the lap mark of the stages around it. */
  async time<T>(stage: string, fn: () => Promise<T>): Promise<T> {
    const start = performance.now();
    try {
      return await fn();
    } finally {
      this.times.push({ stage, ms: performance.now() - start });
      this.last = performance.now();
    }
  }
}

/** "set-up 3.1 s · accept-all 12.0 s · analysis 2.2 s · total 17.3 s" */
export function describeStageTimes(times: readonly StageTime[]): string {
  const total = times.reduce((sum, t) => sum + t.ms, 0);
  return [...times, { stage: 'total', ms: total }].map((t) => `${t.stage} ${(t.ms / 1000).toFixed(1)} s`).join(' · ');
}
