import { describe, expect, it } from 'vitest';
import { biometricThirdParty } from '../../src/rules/biometric-third-party.ts';
import { RunBuilder } from './helpers.ts';

describe('biometric-third-party', () => {
  it('flags biometrics sent to a third party', () => {
    const input = new RunBuilder()
      .phase('accept-all', 'verify', 'completed', (p) => p.send('face_image', { party: 'third', host: 'face.cloud.test', vendor: 'facecloud' }))
      .build();
    const [f] = biometricThirdParty.evaluate(input).findings;
    expect(f!.id).toBe('biometric-third-party:verify:face.cloud.test');
    expect(f!.party?.vendor).toBe('facecloud');
  });

  it('holds when biometrics go only to the first party', () => {
    const input = new RunBuilder().phase('accept-all', 'verify', 'completed', (p) => p.send('face_image')).build();
    expect(biometricThirdParty.evaluate(input).findings).toEqual([]);
  });
});
