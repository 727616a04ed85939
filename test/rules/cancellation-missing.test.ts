import { describe, expect, it } from 'vitest';
import { cancellationMissing } from '../../src/rules/cancellation-missing.ts';
import { RunBuilder } from './helpers.ts';

const upToVerify = (b: RunBuilder) => b.phase('accept-all', 'register').phase('accept-all', 'login').phase('accept-all', 'verify');

describe('cancellation-missing', () => {
  it('gives no verdict on a delete phase the scenario does not script (runs of earlier versions recorded it not-run)', () => {
    const input = upToVerify(new RunBuilder()).notRun('accept-all', 'delete').build();
    const out = cancellationMissing.evaluate(input);
    expect(out.findings).toEqual([]);
    expect(out.evaluations[0]!.status).toBe('not-applicable');
  });

  it('flags the tester\'s statement that no cancellation exists, with the id a waiver names', () => {
    const input = upToVerify(new RunBuilder()).notTested('accept-all', 'delete').state({ noCancellation: 'none under 我的 > 设置' }).build();
    const [f] = cancellationMissing.evaluate(input).findings;
    expect(f!.id).toBe('cancellation-missing:delete:cancellation');
  });

  it('flags a delete phase blocked under accept-all, citing its phase-end', () => {
    const input = upToVerify(new RunBuilder()).phase('accept-all', 'delete', 'blocked', undefined, '注销成功').build();
    const [f] = cancellationMissing.evaluate(input).findings;
    expect(f!.reasoning).toContain('注销成功');
    expect(f!.evidence.timeline).toEqual([input.timeline.at(-1)!.seq]);
  });

  it('holds when delete completes', () => {
    const input = upToVerify(new RunBuilder()).phase('accept-all', 'delete').build();
    const out = cancellationMissing.evaluate(input);
    expect(out.findings).toEqual([]);
    expect(out.evaluations[0]!.status).toBe('held');
  });

  it('is not applicable when an earlier phase stopped, or delete hit a harness error', () => {
    const stopped = new RunBuilder().phase('accept-all', 'register', 'blocked').notRun('accept-all', 'delete', 'register did not complete').build();
    expect(cancellationMissing.evaluate(stopped).evaluations[0]!.status).toBe('not-applicable');
    const error = upToVerify(new RunBuilder()).phase('accept-all', 'delete', 'error').build();
    expect(cancellationMissing.evaluate(error).findings).toEqual([]);
  });
});
