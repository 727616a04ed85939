import { describe, expect, it } from 'vitest';
import { cancellationIneffective } from '../../src/rules/cancellation-ineffective.ts';
import { RunBuilder } from './helpers.ts';

const afterDelete = (label: string) => {
  const b = new RunBuilder().phase('accept-all', 'delete');
  b.event({ type: 'mark', phase: 'delete', variant: 'accept-all', label });
  return b.build();
};

describe('cancellation-ineffective', () => {
  it('flags a deletion check that finds the account still present', () => {
    const input = afterDelete('deletion-check: still-present');
    const [f] = cancellationIneffective.evaluate(input).findings;
    expect(f!.id).toBe('cancellation-ineffective:delete:still-present');
    expect(f!.evidence.timeline).toEqual([input.timeline.at(-1)!.seq]);
  });

  it('holds when the check finds it gone, and is not applicable without a check', () => {
    expect(cancellationIneffective.evaluate(afterDelete('deletion-check: gone')).evaluations[0]!.status).toBe('held');
    const errored = cancellationIneffective.evaluate(afterDelete('deletion-check: error timeout'));
    expect(errored.findings).toEqual([]);
    expect(errored.evaluations[0]!.status).toBe('not-applicable');
  });
});
