import { describe, expect, it } from 'vitest';
import { collectionBeforeConsent } from '../../src/rules/collection-before-consent.ts';
import { RunBuilder, judged } from './helpers.ts';

describe('collection-before-consent', () => {
  it('flags PI and device ids sent before the privacy-policy consent, citing the consent event', () => {
    const input = new RunBuilder()
      .outside('accept-all', (p) => p.send('imei', { party: 'third', host: 'sdk.ads.test' }))
      .phase('accept-all', 'register', 'completed', (p) => p.send('phone_number').consent('privacy-policy', 'accept').send('gender'))
      .build();
    const { findings } = collectionBeforeConsent.evaluate(input);
    expect(findings.map((f) => [f.id, f.piTypes])).toEqual([
      ['collection-before-consent:-:before-policy-consent', ['imei']],
      ['collection-before-consent:register:before-policy-consent', ['phone_number']],
    ]);
    const consentSeq = input.timeline.find((e) => e.type === 'consent')!.seq;
    expect(findings[1]!.evidence.timeline).toEqual([consentSeq]);
  });

  it('flags anything sent in refuse-policy, where the policy is never accepted', () => {
    const input = new RunBuilder()
      .phase('refuse-policy', 'register', 'completed', (p) => p.choice('policy', 'privacy policy', 'refuse').consent('privacy-policy', 'refuse').send('phone_number'))
      .build();
    const [f] = collectionBeforeConsent.evaluate(input).findings;
    expect(f!.variant).toBe('refuse-policy');
    expect(f!.reasoning).toContain('refused');
  });

  it('holds when everything is sent after consent, and ignores credentials and harness traffic', () => {
    const input = new RunBuilder()
      .outside('accept-all', (p) => p.send('imei', { party: 'harness' }))
      .phase('accept-all', 'register', 'completed', (p) => p.send('password').consent('privacy-policy', 'accept').send('phone_number'))
      .phase('refuse-policy', 'register', 'completed', (p) => p.consent('privacy-policy', 'refuse'))
      .build();
    const out = collectionBeforeConsent.evaluate(input);
    expect(out.findings).toEqual([]);
    expect(judged(out.evaluations).every((e) => e.status === 'held')).toBe(true);
  });
});
