import { describe, expect, it } from 'vitest';
import { bundledConsent } from '../../src/rules/bundled-consent.ts';
import { judged, RunBuilder } from './helpers.ts';

describe('bundled-consent', () => {
  it('flags one act accepting the privacy policy and marketing together, high', () => {
    const input = new RunBuilder().phase('accept-all', 'register', 'completed', (p) => p.consent(['privacy-policy', 'marketing'], 'accept')).build();
    const out = bundledConsent.evaluate(input);
    expect(out.findings).toHaveLength(1);
    expect(out.findings[0]).toMatchObject({ id: 'bundled-consent:register:marketing+privacy-policy', severity: 'high', piTypes: [] });
    expect(out.findings[0]!.reasoning).toMatch(/necessary privacy-policy and optional marketing/);
    expect(judged(out.evaluations)).toEqual([expect.objectContaining({ status: 'violated', phase: 'register' })]);
  });

  it('flags optional subjects of different services in one act, medium', () => {
    const input = new RunBuilder().phase('accept-all', 'verify', 'completed', (p) => p.consent(['face-recognition', 'personalised-ads'], 'accept')).build();
    const [f, ...rest] = bundledConsent.evaluate(input).findings;
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ id: 'bundled-consent:verify:face-recognition+personalised-ads', severity: 'medium' });
    expect(f!.reasoning).toMatch(/2 services \(identity-verification, advertising\)/);
  });

  it('holds for separate acts, for subjects of one service, and for a bundle the user refused', () => {
    const input = new RunBuilder()
      .phase('accept-all', 'register', 'completed', (p) => p.consent('privacy-policy', 'accept').consent('marketing', 'accept'))
      .phase('accept-all', 'verify', 'completed', (p) => p.consent(['face-recognition', 'identity-document'], 'accept'))
      .phase('refuse-optional', 'register', 'completed', (p) => p.consent(['privacy-policy', 'marketing'], 'refuse'))
      .build();
    const out = bundledConsent.evaluate(input);
    expect(out.findings).toEqual([]);
    expect(judged(out.evaluations).every((e) => e.status === 'held')).toBe(true);
    const none = bundledConsent.evaluate(new RunBuilder().phase('accept-all', 'login').build());
    expect(none.evaluations[0]).toMatchObject({ status: 'held', reason: 'no consent act recorded in this phase' });
  });

  it('judges no bundle in a phase that ended in a harness error', () => {
    const input = new RunBuilder().phase('accept-all', 'register', 'error', (p) => p.consent(['privacy-policy', 'marketing'], 'accept')).build();
    const out = bundledConsent.evaluate(input);
    expect(out.findings).toEqual([]);
    expect(out.evaluations[0]).toMatchObject({ status: 'not-applicable' });
  });
});
