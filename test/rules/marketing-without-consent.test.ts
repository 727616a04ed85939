import { describe, expect, it } from 'vitest';
import { marketingWithoutConsent } from '../../src/rules/marketing-without-consent.ts';
import { judged, RunBuilder } from './helpers.ts';

const ads = { party: 'third' as const, host: 'ads.adnet.test', serviceKind: 'ads' };

describe('marketing-without-consent', () => {
  it('flags a pre-ticked marketing opt-in', () => {
    const input = new RunBuilder().phase('accept-all', 'register', 'completed', (p) => p.defaultState('marketing', true).defaultState('marketing', true)).build();
    const out = marketingWithoutConsent.evaluate(input);
    expect(out.findings.map((f) => f.id)).toEqual(['marketing-without-consent:register:pre-ticked:marketing']);
  });

  it('flags ad identifiers sent to an ads receiver before personalised ads were accepted', () => {
    const input = new RunBuilder()
      .phase('accept-all', 'register', 'completed', (p) => p.send('imei', ads).consent('personalised-ads', 'accept').send('imei', { ...ads, host: 'later.adnet.test' }))
      .build();
    const out = marketingWithoutConsent.evaluate(input);
    expect(out.findings.map((f) => f.id)).toEqual(['marketing-without-consent:register:ads.adnet.test']);
    expect(out.findings[0]!.party?.serviceKind).toBe('ads');
  });

  it('holds for an unticked opt-in, identifiers to a non-ads receiver, and identifiers after consent', () => {
    const input = new RunBuilder()
      .phase('accept-all', 'register', 'completed', (p) =>
        p.defaultState('marketing', false).defaultState('face-recognition', true).send('imei', { party: 'third', host: 'stats.test', serviceKind: 'analytics' }).consent('personalised-ads', 'accept').send('imei', ads),
      )
      .build();
    const out = marketingWithoutConsent.evaluate(input);
    expect(out.findings).toEqual([]);
    expect(judged(out.evaluations).map((e) => e.status)).toEqual(['held']);
  });
});
