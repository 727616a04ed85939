import { describe, expect, it } from 'vitest';
import { consentReAsked } from '../../src/rules/consent-re-asked.ts';
import { judged, RunBuilder } from './helpers.ts';

describe('consent-re-asked', () => {
  it('flags a refused prompt shown again in the same phase, with the count', () => {
    const input = new RunBuilder()
      .phase('refuse-optional', 'register', 'completed', (p) =>
        p.asked('marketing').consent('marketing', 'refuse').asked('marketing').asked('marketing'),
      )
      .build();
    const [f, ...rest] = consentReAsked.evaluate(input).findings;
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ id: 'consent-re-asked:register:consent:marketing', variant: 'refuse-optional' });
    expect(f!.reasoning).toMatch(/asked for again 2 times later in the same phase/);
    expect(f!.evidence.timeline).toHaveLength(3);
  });

  it('flags a refused permission asked again at a later phase, once per phase', () => {
    const input = new RunBuilder()
      .phase('refuse-optional', 'register', 'completed', (p) => p.choice('permission', 'android.permission.READ_CONTACTS', 'refuse'))
      .phase('refuse-optional', 'login', 'completed', (p) => p.choice('permission', 'android.permission.READ_CONTACTS', 'refuse'))
      .phase('refuse-optional', 'verify', 'completed', (p) => p.choice('permission', 'android.permission.READ_CONTACTS', 'refuse'))
      .build();
    const out = consentReAsked.evaluate(input);
    expect(out.findings.map((f) => f.phase)).toEqual(['login', 'verify']);
    expect(out.findings[1]!.reasoning).toMatch(/refused in login .* 1 time in verify/);
  });

  it('counts a choice whose branch records its consent as one ask', () => {
    const input = new RunBuilder()
      .phase('refuse-optional', 'register', 'completed', (p) => p.asked('location').choice('optional', 'location', 'refuse').consent('location', 'refuse'))
      .phase('refuse-optional', 'verify', 'completed', (p) => p.asked('location').choice('optional', 'location', 'refuse').consent('location', 'refuse'))
      .build();
    const out = consentReAsked.evaluate(input).findings;
    expect(out.map((f) => f.id)).toEqual(['consent-re-asked:verify:optional:location']);
    expect(out[0]!.reasoning).toMatch(/1 time in verify/);
  });

  it('holds for a prompt answered once, an accepted prompt asked again, and a refusal in another variant', () => {
    const input = new RunBuilder()
      .phase('refuse-optional', 'register', 'completed', (p) => p.asked('marketing').consent('marketing', 'refuse'))
      .phase('accept-all', 'register', 'completed', (p) => p.asked('marketing').consent('marketing', 'accept').asked('marketing'))
      .build();
    const out = consentReAsked.evaluate(input);
    expect(out.findings).toEqual([]);
    expect(judged(out.evaluations).map((e) => e.status)).toEqual(['held', 'held']);
    expect(out.evaluations.find((e) => e.variant === 'accept-all')?.reason).toBe('nothing was refused in this variant');
  });
});
