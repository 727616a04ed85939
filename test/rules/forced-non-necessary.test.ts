import { describe, expect, it } from 'vitest';
import { forcedNonNecessary } from '../../src/rules/forced-non-necessary.ts';
import { RunBuilder } from './helpers.ts';

describe('forced-non-necessary', () => {
  it('flags a phase blocked under refuse-optional after an optional item was declined', () => {
    const input = new RunBuilder()
      .phase('accept-all', 'register', 'completed', (p) => p.choice('optional', 'education', 'accept').send('education'))
      .phase('refuse-optional', 'register', 'blocked', (p) => p.choice('optional', 'education', 'refuse'), 'profile complete')
      .build();
    const { findings, evaluations } = forcedNonNecessary.evaluate(input);
    expect(findings).toHaveLength(1);
    const f = findings[0]!;
    expect(f.id).toBe('forced-non-necessary:register:blocked');
    expect(f.piTypes).toEqual(['education']);
    expect(f.evidence.timeline).toHaveLength(2);
    expect(f.evidence.flows).toEqual(['f1']);
    expect(f.reasoning).toContain('"profile complete"');
    expect(evaluations.find((e) => e.phase === 'register')!.status).toBe('violated');
  });

  it('holds when both variants complete, or the block follows no refused optional choice', () => {
    const completes = new RunBuilder()
      .phase('accept-all', 'register')
      .phase('refuse-optional', 'register', 'completed', (p) => p.choice('optional', 'education', 'refuse'))
      .build();
    expect(forcedNonNecessary.evaluate(completes).findings).toEqual([]);

    const unrelated = new RunBuilder()
      .phase('accept-all', 'register')
      .phase('refuse-optional', 'register', 'blocked', (p) => p.choice('biometric', 'face', 'refuse'))
      .build();
    const out = forcedNonNecessary.evaluate(unrelated);
    expect(out.findings).toEqual([]);
    expect(out.evaluations[0]!.status).toBe('held');
  });

  it('is not applicable when refuse-optional did not run the phase', () => {
    const input = new RunBuilder().phase('accept-all', 'register').notRun('refuse-optional', 'register').build();
    expect(forcedNonNecessary.evaluate(input).evaluations[0]!.status).toBe('not-applicable');
  });
});
