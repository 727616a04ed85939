import { describe, expect, it } from 'vitest';
import { describeStageTimes, StageClock, totalStageMs } from '../../src/core/stage-clock.ts';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('stage clock', () => {
  it('runs parts together: the stage has the wall time, each part its own, counted once in the total', async () => {
    const clock = new StageClock();
    const order: string[] = [];
    const results = await clock.together('reports', [
      { name: 'slow', run: async () => (await sleep(60), order.push('slow'), 1) },
      { name: 'fast', run: async () => (await sleep(10), order.push('fast'), 2) },
    ]);
    expect(results).toEqual([1, 2]);
    expect(order).toEqual(['fast', 'slow']);
    const [stage, slow, fast] = clock.times;
    expect(stage!.stage).toBe('reports');
    expect(slow).toMatchObject({ stage: 'slow', within: 'reports' });
    expect(fast).toMatchObject({ stage: 'fast', within: 'reports' });
    // Side by side, not one after the other: the stage is shorter than its parts added up.
    expect(stage!.ms).toBeLessThan(slow!.ms + fast!.ms);
    expect(totalStageMs(clock.times)).toBe(stage!.ms);
  });

  it('prints parts inside their stage', () => {
    const line = describeStageTimes([
      { stage: 'analysis', ms: 1000 },
      { stage: 'reports', ms: 3000 },
      { stage: 'Allure', ms: 2900, within: 'reports' },
      { stage: 'lab report', ms: 1500, within: 'reports' },
    ]);
    expect(line).toBe('analysis 1.0 s · reports 3.0 s (Allure 2.9 s ‖ lab report 1.5 s) · total 4.0 s');
  });
});
