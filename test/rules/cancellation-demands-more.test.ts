import { describe, expect, it } from 'vitest';
import { cancellationDemandsMore } from '../../src/rules/cancellation-demands-more.ts';
import { RunBuilder } from './helpers.ts';

describe('cancellation-demands-more', () => {
  it('flags PI types the delete phase collects that register did not, per variant and type', () => {
    const input = new RunBuilder()
      .phase('accept-all', 'register', 'completed', (p) => p.send('phone_number'))
      .phase('accept-all', 'delete', 'completed', (p) => p.send('phone_number').send('handheld_id_photo').send('education'))
      .build();
    const { findings } = cancellationDemandsMore.evaluate(input);
    expect(findings.map((f) => [f.id, f.severity])).toEqual([
      ['cancellation-demands-more:delete:handheld_id_photo', 'high'],
      ['cancellation-demands-more:delete:education', 'medium'],
    ]);
    expect(findings[0]!.reasoning).toContain('draft');
  });

  it('holds when cancellation asks only for what registration collected (and credentials)', () => {
    const input = new RunBuilder()
      .phase('accept-all', 'register', 'completed', (p) => p.send('phone_number').send('face_image'))
      .phase('accept-all', 'delete', 'completed', (p) => p.send('face_image').send('sms_code').send('password'))
      .build();
    const out = cancellationDemandsMore.evaluate(input);
    expect(out.findings).toEqual([]);
    expect(out.evaluations[0]!.status).toBe('held');
  });

  it('compares within the same variant', () => {
    const input = new RunBuilder()
      .phase('accept-all', 'register', 'completed', (p) => p.send('id_number'))
      .phase('refuse-optional', 'register', 'completed', (p) => p.send('phone_number'))
      .phase('refuse-optional', 'delete', 'completed', (p) => p.send('id_number'))
      .build();
    expect(cancellationDemandsMore.evaluate(input).findings.map((f) => f.variant)).toEqual(['refuse-optional']);
  });
});
