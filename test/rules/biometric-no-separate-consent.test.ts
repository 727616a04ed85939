import { describe, expect, it } from 'vitest';
import { biometricNoSeparateConsent } from '../../src/rules/biometric-no-separate-consent.ts';
import { RunBuilder } from './helpers.ts';

describe('biometric-no-separate-consent', () => {
  it('flags an upload with no face consent before it, resting on the missing declaration', () => {
    const input = new RunBuilder()
      .phase('accept-all', 'verify', 'completed', (p) => p.send('face_image', { party: 'third' }).consent('face-recognition', 'accept'))
      .build();
    const [f, ...rest] = biometricNoSeparateConsent.evaluate(input).findings;
    expect(rest).toEqual([]);
    expect(f!.id).toBe('biometric-no-separate-consent:verify:biometric');
    expect(f!.restsOnMissingDeclaration).toBe(true);
  });

  it('does not rest on a missing declaration when the app declares no separate consent', () => {
    const input = new RunBuilder()
      .declare({ faceSeparateConsent: false })
      .phase('accept-all', 'verify', 'completed', (p) => p.send('face_image'))
      .build();
    const [f] = biometricNoSeparateConsent.evaluate(input).findings;
    expect(f!.restsOnMissingDeclaration).toBeUndefined();
  });

  it('holds with a face consent earlier in the phase, or a declared separate consent', () => {
    const consented = new RunBuilder()
      .phase('accept-all', 'verify', 'completed', (p) => p.consent('人脸识别', 'accept').send('face_image'))
      .build();
    expect(biometricNoSeparateConsent.evaluate(consented).findings).toEqual([]);

    const declared = new RunBuilder()
      .declare({ faceSeparateConsent: true })
      .phase('accept-all', 'verify', 'completed', (p) => p.send('face_image'))
      .build();
    expect(biometricNoSeparateConsent.evaluate(declared).findings).toEqual([]);
  });

  it('does not take a privacy-policy consent or a refused face consent for separate consent', () => {
    const input = new RunBuilder()
      .phase('accept-all', 'verify', 'completed', (p) =>
        p.consent('privacy-policy', 'accept').consent('face-recognition', 'refuse').send('face_image'),
      )
      .build();
    expect(biometricNoSeparateConsent.evaluate(input).findings).toHaveLength(1);
  });
});
