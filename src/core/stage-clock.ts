// Where a run's time goes: each stage's wall time, printed at the end so slow stages are visible.

export interface StageTime {
  stage: string;
  ms: number;
  /** Set for a part that ran at the same time as others inside this stage: shown, not added to the total. */
  within?: string;
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

  /** Independent parts run at once: the stage (since the previous lap) gets the wall time, each part its own. */
  async together<T>(stage: string, parts: ReadonlyArray<{ name: string; run: () => Promise<T> }>): Promise<T[]> {
    const own = new Map<string, number>();
    const results = await Promise.all(
      parts.map(async (p) => {
        const start = performance.now();
        try {
          return await p.run();
        } finally {
          own.set(p.name, performance.now() - start);
        }
      }),
    );
    this.lap(stage);
    for (const p of parts) this.times.push({ stage: p.name, ms: own.get(p.name) ?? 0, within: stage });
    return results;
  }
}

/** Wall time of a run's stages: parts that ran inside another stage are not counted twice. */
export function totalStageMs(times: readonly StageTime[]): number {
  return times.reduce((sum, t) => sum + (t.within ? 0 : t.ms), 0);
}

/** "set-up 3.1 s · accept-all 12.0 s · reports 9.0 s (Allure 8.2 s ‖ lab report 6.1 s) · total 24.1 s" */
export function describeStageTimes(times: readonly StageTime[]): string {
  const s = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
  const shown = times.filter((t) => !t.within).map((t) => {
    const parts = times.filter((p) => p.within === t.stage);
    return `${t.stage} ${s(t.ms)}${parts.length ? ` (${parts.map((p) => `${p.stage} ${s(p.ms)}`).join(' ‖ ')})` : ''}`;
  });
  return [...shown, `total ${s(totalStageMs(times))}`].join(' · ');
}
