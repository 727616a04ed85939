import { describe, expect, it } from 'vitest';
import { overCollection } from '../../src/rules/over-collection.ts';
import { RunBuilder, judged } from './helpers.ts';

describe('over-collection', () => {
  it('flags each non-necessary PI type per phase and variant, with severity by sensitivity', () => {
    const input = new RunBuilder()
      .phase('accept-all', 'register', 'completed', (p) =>
        p.send('phone_number').send('education').send('education').send('social_insurance', { party: 'third' }).send('birth_date'),
      )
      .build();
    const { findings, evaluations } = overCollection.evaluate(input);
    expect(findings.map((f) => [f.id, f.severity])).toEqual([
      ['over-collection:register:education', 'medium'],
      ['over-collection:register:social_insurance', 'high'],
    ]);
    expect(findings[0]!.evidence.flows).toHaveLength(2);
    expect(findings[0]!.reasoning).toContain('marriage_dating');
    expect(judged(evaluations)).toEqual([expect.objectContaining({ phase: 'register', variant: 'accept-all', status: 'violated' })]);
  });

  it('holds for necessary PI, credentials, weak guesses, responses, harness and unattributed traffic', () => {
    const input = new RunBuilder()
      .phase('accept-all', 'register', 'completed', (p) =>
        p
          .send('phone_number')
          .send('gender')
          .send('password')
          .send('sms_code')
          .send('education', { confidence: 0.3 })
          .send('education', { direction: 'response' })
          .send('education', { party: 'harness' })
          .send('education', { party: 'unknown' }),
      )
      .notRun('accept-all', 'login')
      .build();
    const { findings, evaluations } = overCollection.evaluate(input);
    expect(findings).toEqual([]);
    expect(judged(evaluations).map((e) => e.status)).toEqual(['held']);
  });

  it('notes a declared purpose without treating the type as necessary', () => {
    const input = new RunBuilder()
      .declare({ collects: [{ piType: 'education', purpose: 'matching' }] })
      .phase('accept-all', 'register', 'completed', (p) => p.send('education'))
      .build();
    const [f] = overCollection.evaluate(input).findings;
    expect(f!.reasoning).toContain('"matching"');
    expect(f!.reasoning).toContain('does not make it necessary');
  });

  it('is not applicable to an unknown category', () => {
    const input = new RunBuilder('no_such_category').phase('accept-all', 'register', 'completed', (p) => p.send('education')).build();
    const out = overCollection.evaluate(input);
    expect(out.findings).toEqual([]);
    expect(out.evaluations[0]!.status).toBe('not-applicable');
  });
});
