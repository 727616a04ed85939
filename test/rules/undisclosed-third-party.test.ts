import { describe, expect, it } from 'vitest';
import { undisclosedThirdParty } from '../../src/rules/undisclosed-third-party.ts';
import { RunBuilder } from './helpers.ts';

const sendToCloud = () =>
  new RunBuilder().phase('accept-all', 'verify', 'completed', (p) =>
  p.send('face_image', { party: 'third', host: 'api.face.cloud.test', vendor: 'facecloud', organisation: 'FaceCloud Ltd.' }),
);

describe('undisclosed-third-party', () => {
  it('flags a third party the declarations do not name', () => {
    const input = new RunBuilder()
      .declare({ thirdParties: [{ name: 'Other SDK', domains: ['other.test'] }] })
      .phase('accept-all', 'verify', 'completed', (p) => p.send('phone_number', { party: 'third', host: 'api.face.cloud.test' }))
      .build();
    const [f] = undisclosedThirdParty.evaluate(input).findings;
    expect(f!.id).toBe('undisclosed-third-party:verify:api.face.cloud.test');
    expect(f!.severity).toBe('medium');
    expect(f!.restsOnMissingDeclaration).toBeUndefined();
  });

  it('rests on a missing declaration when the app declares nothing', () => {
    const [f] = undisclosedThirdParty.evaluate(sendToCloud().build()).findings;
    expect(f!.restsOnMissingDeclaration).toBe(true);
    expect(f!.severity).toBe('high');
  });

  it.each([
    { name: 'by vendor id', d: { name: 'x', vendor: 'facecloud' } },
    { name: 'by name', d: { name: 'FaceCloud Ltd.' } },
    { name: 'by a parent domain', d: { name: 'x', domains: ['cloud.test'] } },
  ])('holds when the party is declared $name', ({ d }) => {
    const input = sendToCloud().declare({ thirdParties: [d] }).build();
    expect(undisclosedThirdParty.evaluate(input).findings).toEqual([]);
  });

  it('ignores first-party traffic', () => {
    const input = new RunBuilder().phase('accept-all', 'register', 'completed', (p) => p.send('phone_number')).build();
    expect(undisclosedThirdParty.evaluate(input).findings).toEqual([]);
  });
});
