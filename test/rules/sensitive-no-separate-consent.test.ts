import { describe, expect, it } from 'vitest';
import { sensitiveNoSeparateConsent } from '../../src/rules/sensitive-no-separate-consent.ts';
import { RunBuilder } from './helpers.ts';

describe('sensitive-no-separate-consent', () => {
  it('flags a face upload with no face consent before it, resting on the missing declaration', () => {
    const input = new RunBuilder()
      .phase('accept-all', 'verify', 'completed', (p) => p.send('face_image', { party: 'third' }).consent('face-recognition', 'accept'))
      .build();
    const [f, ...rest] = sensitiveNoSeparateConsent.evaluate(input).findings;
    expect(rest).toEqual([]);
    expect(f!.id).toBe('sensitive-no-separate-consent:verify:face-recognition');
    expect(f!.restsOnMissingDeclaration).toBe(true);
  });

  it('flags an ID number and social-insurance records, each under the subject covering it', () => {
    const input = new RunBuilder()
      .phase('accept-all', 'register', 'completed', (p) => p.consent('privacy-policy', 'accept').send('id_number').send('social_insurance').send('marital_status'))
      .build();
    const out = sensitiveNoSeparateConsent.evaluate(input).findings;
    // marital_status is sensitive but necessary for marriage_dating: not this rule's matter.
    expect(out.map((f) => f.id)).toEqual(['sensitive-no-separate-consent:register:identity-document', 'sensitive-no-separate-consent:register:employment-records']);
    expect(out.every((f) => f.restsOnMissingDeclaration === undefined)).toBe(true);
  });

  it('does not take a consent bundled with the privacy policy, a refused or a withdrawn one for separate consent', () => {
    const input = new RunBuilder()
      .phase('accept-all', 'verify', 'completed', (p) => p.consent(['privacy-policy', 'face-recognition'], 'accept').send('face_image'))
      .phase('refuse-biometric', 'verify', 'completed', (p) => p.consent('face-recognition', 'refuse').send('face_image'))
      .phase('refuse-optional', 'verify', 'completed', (p) => p.consent('face-recognition', 'accept').consent('face-recognition', 'withdraw').send('face_image'))
      .build();
    expect(sensitiveNoSeparateConsent.evaluate(input).findings.map((f) => f.variant)).toEqual(['accept-all', 'refuse-biometric', 'refuse-optional']);
  });

  it("needs the guardian's consent before any PI of a persona under 14, necessary PI included", () => {
    const child = (script: Parameters<RunBuilder['phase']>[3]) => new RunBuilder().born('2012-06-02').phase('accept-all', 'register', 'completed', script).build();
    const [f, ...rest] = sensitiveNoSeparateConsent.evaluate(child((p) => p.consent('privacy-policy', 'accept').send('phone_number').send('gender'))).findings;
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ id: 'sensitive-no-separate-consent:register:guardian', piTypes: ['phone_number', 'gender'] });
    expect(f!.reasoning).toMatch(/persona is 12 .*under 14/);
    expect(sensitiveNoSeparateConsent.evaluate(child((p) => p.consent('guardian', 'accept').send('phone_number'))).findings).toEqual([]);
    // Fourteen the day before the run: no longer a minor.
    const fourteen = new RunBuilder().born('2011-05-31').phase('accept-all', 'register', 'completed', (p) => p.send('phone_number')).build();
    expect(sensitiveNoSeparateConsent.evaluate(fourteen).findings).toEqual([]);
  });

  it('holds with a separate consent earlier in the variant, or a declared separate face consent', () => {
    const consented = new RunBuilder()
      .phase('accept-all', 'register', 'completed', (p) => p.consent('face-recognition', 'accept'))
      .phase('accept-all', 'verify', 'completed', (p) => p.send('face_image'))
      .build();
    expect(sensitiveNoSeparateConsent.evaluate(consented).findings).toEqual([]);
    const declared = new RunBuilder()
      .declare({ faceSeparateConsent: true })
      .phase('accept-all', 'verify', 'completed', (p) => p.send('face_image'))
      .build();
    expect(sensitiveNoSeparateConsent.evaluate(declared).findings).toEqual([]);
  });
});
