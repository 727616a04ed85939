// Issue 11: no finding the harness caused. Each case reproduces a false finding observed on a real app
// and checks it through the whole rule engine (filtering, every rule, merging across variants).
import { describe, expect, it } from 'vitest';
import type { VariantName } from '../../src/core/phase.ts';
import { evaluateRules } from '../../src/rules/engine.ts';
import { cancellationMissing } from '../../src/rules/cancellation-missing.ts';
import { RunBuilder } from './helpers.ts';

const ALL: VariantName[] = ['accept-all', 'refuse-optional', 'refuse-biometric', 'refuse-policy'];

describe('verdicts a lab can sign', () => {
  it('a phase that ended in a harness error yields no finding from any rule, and every rule says why', () => {
    const b = new RunBuilder().phase('accept-all', 'register', 'completed', (p) => p.consent('privacy-policy', 'accept').send('phone_number'));
    for (const v of ALL.slice(1)) {
      // The scenario's fill on a file input threw: an error, not the app blocking the user.
      b.phase(v, 'register', 'error', (p) => p.consent('privacy-policy', 'accept').choice('optional', 'photo', 'refuse').choice('biometric', 'face', 'refuse').send('education').send('face_image', { party: 'third' }));
    }
    const out = evaluateRules(b.raw());
    expect(out.findings).toEqual([]);
    const onError = out.evaluations.filter((e) => e.phase === 'register' && e.variant !== 'accept-all');
    expect(onError.length).toBeGreaterThan(0);
    for (const e of onError) {
      expect(e.status).toBe('not-applicable');
      expect(e.reason).toMatch(/harness or scenario error/);
    }
  });

  it("the deletion check's re-login is the harness's step: no collection rule counts its requests", () => {
    const b = new RunBuilder();
    for (const v of ALL) {
      b.phase(v, 'register', 'completed', (p) => p.consent('privacy-policy', 'accept').send('phone_number'))
        .phase(v, 'delete', 'completed')
        .deleteCheck(v, 'gone', (p) => p.send('phone_number').send('password').send('id_number', { insecure: true }));
    }
    const out = evaluateRules(b.raw());
    expect(out.findings).toEqual([]);
    expect(out.evaluations.find((e) => e.ruleId === 'cancellation-ineffective' && e.variant === 'accept-all')?.status).toBe('held');
  });

  it('a run killed inside delete accuses nobody: the unfinished and unreached phases are not tested', () => {
    const input = new RunBuilder()
      .phase('accept-all', 'register', 'completed', (p) => p.consent('privacy-policy', 'accept').send('phone_number'))
      .phase('accept-all', 'login')
      .phase('accept-all', 'verify')
      .started('accept-all', 'delete', (p) => p.send('handheld_id_photo'))
      .incomplete('killed by SIGKILL')
      .raw();
    const out = evaluateRules(input);
    expect(out.findings).toEqual([]);
    const del = out.evaluations.filter((e) => e.phase === 'delete');
    expect(del.map((e) => [e.ruleId, e.status])).toContainEqual(['cancellation-missing', 'not-applicable']);
    expect(del.every((e) => e.status === 'not-applicable')).toBe(true);
    expect(del.find((e) => e.ruleId === 'cancellation-missing')?.reason).toMatch(/not tested.*stopped/);
  });

  it('a scenario without delete is not tested, unless the tester states they found no cancellation', () => {
    const upToVerify = () => new RunBuilder().phase('accept-all', 'register').phase('accept-all', 'login').phase('accept-all', 'verify').notTested('accept-all', 'delete');
    const silent = cancellationMissing.evaluate(upToVerify().build());
    expect(silent.findings).toEqual([]);
    expect(silent.evaluations[0]).toMatchObject({ status: 'not-applicable', reason: expect.stringContaining('not tested') });

    const stated = cancellationMissing.evaluate(upToVerify().state({ noCancellation: 'no 注销 entry under 设置 or 账号与安全; help centre says write to support' }).build());
    expect(stated.findings).toHaveLength(1);
    expect(stated.findings[0]!.reasoning).toContain('tester states');
  });

  it('an optional field the user gave and could refuse is collected with their choice, not over-collection', () => {
    const input = new RunBuilder()
      .phase('accept-all', 'register', 'completed', (p) => p.consent('privacy-policy', 'accept').choice('optional', '学历', 'accept', ['education']).send('phone_number').send('education'))
      .phase('refuse-optional', 'register', 'completed', (p) => p.consent('privacy-policy', 'accept').choice('optional', '学历', 'refuse', ['education']).send('phone_number'))
      .raw();
    const out = evaluateRules(input);
    expect(out.findings.filter((f) => f.ruleId === 'over-collection')).toEqual([]);
    const ev = out.evaluations.find((e) => e.ruleId === 'over-collection' && e.variant === 'accept-all' && e.phase === 'register');
    expect(ev).toMatchObject({ status: 'held', reason: expect.stringContaining("collected with the user's choice") });
  });

  it('a choice holds in later phases until withdrawn: a remember-me cookie accepted at register and sent at login', () => {
    const run = (withdraw: boolean) => {
      const b = new RunBuilder()
        .phase('withdraw-optional', 'register', 'completed', (p) => p.choice('optional', 'remember me', 'accept', ['education']).send('education'));
      if (withdraw) b.withdraw('completed', (p) => p.consent('comment-cookies', 'withdraw'));
      return b
        .phase('withdraw-optional', 'login', 'completed', (p) => p.send('education'))
        .phase('refuse-optional', 'register', 'completed', (p) => p.choice('optional', 'remember me', 'refuse', ['education']))
        // The page shows the value back (a response): that is not sending it.
        .phase('refuse-optional', 'login', 'completed', (p) => p.send('education', { direction: 'response' }))
        .raw();
    };
    const over = (withdraw: boolean) => evaluateRules(run(withdraw)).findings.filter((f) => f.ruleId === 'over-collection').map((f) => f.id);
    expect(over(false)).toEqual([]);
    // Withdrawn before login: what login still sends is no longer the user's choice.
    expect(over(true)).toEqual(['over-collection:login:education']);
  });

  it('an optional field the app still requires, or sends after refusal, stays over-collection', () => {
    const required = new RunBuilder()
      .phase('accept-all', 'register', 'completed', (p) => p.choice('optional', 'edu', 'accept', ['education']).send('education'))
      .phase('refuse-optional', 'register', 'blocked', (p) => p.choice('optional', 'edu', 'refuse', ['education']))
      .raw();
    expect(evaluateRules(required).findings.map((f) => f.ruleId)).toContain('over-collection');

    const sentAnyway = new RunBuilder()
      .phase('accept-all', 'register', 'completed', (p) => p.choice('optional', 'edu', 'accept', ['education']).send('education'))
      .phase('refuse-optional', 'register', 'completed', (p) => p.choice('optional', 'edu', 'refuse', ['education']).send('education'))
      .raw();
    const f = evaluateRules(sentAnyway).findings.find((x) => x.ruleId === 'over-collection');
    expect(f?.variants).toEqual(['accept-all', 'refuse-optional']);
  });

  it('signing in with the e-mail given at registration is the account the server holds, not a new collection', () => {
    const mail = { value: 'Tester@Example.org' };
    const input = new RunBuilder()
      .phase('accept-all', 'register', 'completed', (p) => p.send('email', mail))
      .phase('accept-all', 'login', 'completed', (p) => p.send('email', { value: 'tester@example.org' }).send('education'))
      .phase('accept-all', 'delete', 'completed', (p) => p.send('email', mail))
      // The last page's own requests after the scenario's last step (no phase) re-send it too.
      .outside('accept-all', (p) => p.send('email', mail))
      .raw();
    const out = evaluateRules(input);
    const ids = out.findings.map((f) => f.id);
    // Registration's demand for the e-mail stays a finding; signing in and unregistering with it are not new ones.
    expect(ids).toContain('over-collection:register:email');
    expect(ids).toContain('collection-before-consent:register:before-policy-consent');
    expect(ids).not.toContain('over-collection:login:email');
    expect(ids).not.toContain('over-collection:delete:email');
    expect(ids).not.toContain('cancellation-demands-more:delete:email');
    expect(ids).not.toContain('collection-before-consent:-:before-policy-consent');
    // Other PI at login still counts, and so does the e-mail sent to a party that never had it.
    expect(ids).toContain('over-collection:login:education');
    const toThird = new RunBuilder()
      .phase('accept-all', 'register', 'completed', (p) => p.send('email', mail))
      .phase('accept-all', 'login', 'completed', (p) => p.send('email', { ...mail, party: 'third' }))
      .raw();
    expect(evaluateRules(toThird).findings.map((f) => f.id)).toContain('over-collection:login:email');
  });

  it('one fact held in four variants is one finding listing where it held and where not', () => {
    const b = new RunBuilder();
    for (const v of ALL) b.phase(v, 'register', 'completed', (p) => p.consent('privacy-policy', 'accept').send('phone_number').send(v === 'refuse-policy' ? 'phone_number' : 'education'));
    const out = evaluateRules(b.raw());
    const over = out.findings.filter((f) => f.ruleId === 'over-collection');
    expect(over).toHaveLength(1);
    expect(over[0]).toMatchObject({ id: 'over-collection:register:education', variants: ['accept-all', 'refuse-optional', 'refuse-biometric'], notHeldIn: ['refuse-policy'] });
    expect(over[0]!.reasoning).toContain('not under refuse-policy');
    expect(over[0]!.evidence.observations).toHaveLength(3);
    // Evaluations per variant point at the one merged id.
    expect(out.evaluations.filter((e) => e.findingIds.includes(over[0]!.id)).map((e) => e.variant)).toEqual(['accept-all', 'refuse-optional', 'refuse-biometric']);
    // Same evidence, same ids: a re-report keeps them.
    expect(evaluateRules(b.raw()).findings.map((f) => f.id)).toEqual(out.findings.map((f) => f.id));
  });
});
