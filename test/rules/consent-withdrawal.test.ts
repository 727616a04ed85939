import { describe, expect, it } from 'vitest';
import { consentWithdrawal } from '../../src/rules/consent-withdrawal.ts';
import { judged, RunBuilder } from './helpers.ts';

/** accept-all completes login; withdraw-optional registers accepting marketing and ads, then withdraws them. */
function withdrawn(loginStatus: 'completed' | 'blocked', login?: Parameters<RunBuilder['phase']>[3]) {
  return new RunBuilder()
    .phase('accept-all', 'register')
    .phase('accept-all', 'login')
    .phase('withdraw-optional', 'register', 'completed', (p) => p.consent('privacy-policy', 'accept').consent('personalised-ads', 'accept').send('imei'))
    .withdraw('completed', (p) => p.consent('personalised-ads', 'withdraw'))
    .phase('withdraw-optional', 'login', loginStatus, login, 'home page');
}

describe('consent-withdrawal', () => {
  it('flags the basic function refused after withdrawal, when accept-all completes it', () => {
    const out = consentWithdrawal.evaluate(withdrawn('blocked').build());
    expect(out.findings.map((f) => f.id)).toEqual(['consent-withdrawal:login:refused-after-withdrawal']);
    expect(out.findings[0]!.reasoning).toMatch(/withdrawal of personalised-ads.*blocked at "home page".*accept-all it completed/);
  });

  it('flags PI of a withdrawn subject still sent after the withdrawal', () => {
    const out = consentWithdrawal.evaluate(withdrawn('completed', (p) => p.send('imei').send('phone_number')).build());
    expect(out.findings).toHaveLength(1);
    expect(out.findings[0]).toMatchObject({ id: 'consent-withdrawal:login:withdrawn-pi-sent', piTypes: ['imei'], variant: 'withdraw-optional' });
  });

  it('holds a sign-in identifier re-sent after the withdrawal against refuse-optional, place by place', () => {
    // The visitor's e-mail kept in a cookie (the consent) and the account's own e-mail in the profile form.
    const cookie = { location: 'cookie' as const, path: 'cookie.comment_author_email_5f3c', value: 'zw@bench.test' };
    const profile = { path: 'body.email', value: 'zw@bench.test' };
    const run = (login: Parameters<RunBuilder['phase']>[3], refused = true) => {
      const b = new RunBuilder()
        .phase('accept-all', 'register')
        .phase('accept-all', 'login')
        .phase('withdraw-optional', 'register', 'completed', (p) => p.consent('comment-cookies', 'accept').send('email', profile))
        .withdraw('completed', (p) => p.consent('comment-cookies', 'withdraw'))
        .phase('withdraw-optional', 'login', 'completed', login);
      return (refused ? b.phase('refuse-optional', 'register').phase('refuse-optional', 'login', 'completed', (p) => p.send('email', profile)) : b).build();
    };
    const ignored = consentWithdrawal.evaluate(run((p) => p.send('email', profile).send('email', cookie)));
    expect(ignored.findings.map((f) => [f.id, f.piTypes, f.evidence.observations.length])).toEqual([['consent-withdrawal:login:withdrawn-pi-sent', ['email'], 1]]);
    // The profile form sends the e-mail under refuse-optional too: the account, not the withdrawn consent.
    expect(consentWithdrawal.evaluate(run((p) => p.send('email', profile))).findings).toEqual([]);
    // Without a refuse-optional login to hold it against, a re-send is not judged.
    expect(consentWithdrawal.evaluate(run((p) => p.send('email', cookie), false)).findings).toEqual([]);
  });

  it("flags the tester's statement that there is no way to withdraw, and a blocked withdraw step", () => {
    const stated = consentWithdrawal.evaluate(new RunBuilder().phase('accept-all', 'register').state({ noWithdrawal: 'no 撤回 under 设置 › 隐私' }).build());
    expect(stated.findings.map((f) => f.id)).toEqual(['consent-withdrawal:-:no-withdrawal']);
    const blocked = consentWithdrawal.evaluate(
      new RunBuilder().phase('withdraw-optional', 'register').withdraw('blocked').notRun('withdraw-optional', 'login', 'withdraw did not complete').build(),
    );
    expect(blocked.findings.map((f) => f.id)).toEqual(['consent-withdrawal:-:withdrawal-blocked']);
  });

  it('holds when the app keeps working and stops sending what was withdrawn', () => {
    const out = consentWithdrawal.evaluate(withdrawn('completed', (p) => p.send('phone_number')).build());
    expect(out.findings).toEqual([]);
    expect(judged(out.evaluations).map((e) => [e.phase, e.status])).toEqual([
      [null, 'held'],
      ['login', 'held'],
    ]);
  });

  it('judges nothing without the withdraw-optional variant or when nothing was withdrawn', () => {
    const none = consentWithdrawal.evaluate(new RunBuilder().phase('accept-all', 'register').build());
    expect(none.findings).toEqual([]);
    expect(none.evaluations.map((e) => [e.phase, e.variant, e.status])).toEqual([
      ['login', 'withdraw-optional', 'not-applicable'],
      ['verify', 'withdraw-optional', 'not-applicable'],
      ['delete', 'withdraw-optional', 'not-applicable'],
    ]);
    expect(none.evaluations[0]!.reason).toMatch(/not tested: the run has no withdraw-optional/);
    const nothing = consentWithdrawal.evaluate(
      new RunBuilder().phase('accept-all', 'login').phase('withdraw-optional', 'register').withdraw('completed').phase('withdraw-optional', 'login', 'blocked').build(),
    );
    expect(nothing.findings).toEqual([]);
    expect(nothing.evaluations.find((e) => e.phase === 'login')).toMatchObject({ status: 'not-applicable', reason: expect.stringMatching(/withdrew nothing/) });
  });
});
