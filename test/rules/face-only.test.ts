import { describe, expect, it } from 'vitest';
import { faceOnly } from '../../src/rules/face-only.ts';
import { RunBuilder, judged } from './helpers.ts';

describe('face-only', () => {
  it('flags a phase blocked under refuse-biometric after the face step was declined', () => {
    const input = new RunBuilder()
      .phase('accept-all', 'verify', 'completed', (p) => p.choice('biometric', 'face', 'accept').send('face_image', { party: 'third' }))
      .phase('refuse-biometric', 'verify', 'blocked', (p) => p.choice('biometric', 'face', 'refuse'), '验证成功')
      .build();
    const [f, ...rest] = faceOnly.evaluate(input).findings;
    expect(rest).toEqual([]);
    expect(f!.id).toBe('face-only:verify:blocked');
    expect(f!.piTypes).toEqual(['face_image']);
    expect(f!.clauses).toContain('face-measures-2025-art10');
  });

  it('holds when an alternative lets refuse-biometric complete', () => {
    const input = new RunBuilder()
      .phase('accept-all', 'verify')
      .phase('refuse-biometric', 'verify', 'completed', (p) => p.choice('biometric', 'face', 'refuse').send('id_number'))
      .build();
    const out = faceOnly.evaluate(input);
    expect(out.findings).toEqual([]);
    expect(judged(out.evaluations).map((e) => e.status)).toEqual(['held']);
  });

  it('does not count a refusal recorded after the phase ended', () => {
    const b = new RunBuilder().phase('accept-all', 'verify').phase('refuse-biometric', 'verify', 'blocked');
    b.event({ type: 'choice', phase: 'verify', variant: 'refuse-biometric', kind: 'biometric', subject: 'face', decision: 'refuse' });
    expect(faceOnly.evaluate(b.build()).findings).toEqual([]);
  });
});
