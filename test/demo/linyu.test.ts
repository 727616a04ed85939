import { describe, expect, it } from 'vitest';
import { HOSTS, startApp } from '../../scenarios/demo/linyu/server.ts';
import { useApp } from './app-client.ts';

const PHONE = '13957216048';
const CODE = '246810';
const t = useApp(startApp);

async function register(): Promise<string> {
  const r = await t.call(HOSTS.api, '/api/register', { json: { phone: PHONE, smsCode: CODE } });
  expect(r.body.msg).toBe('注册成功');
  return r.body.data.token;
}

describe('LinYu control app', () => {
  it('plays only its own two hosts and loads no third-party script', async () => {
    expect(Object.keys(t.app.hosts).sort()).toEqual([HOSTS.api, HOSTS.web].sort());
    for (const p of ['/', '/register.html', '/login.html', '/verify.html', '/settings.html', '/app.js']) {
      const page = (await t.call(HOSTS.web, p)).text;
      const hosts = [...page.matchAll(/https?:\/\/([a-z0-9.-]+)/g)].map((m) => m[1]);
      for (const h of hosts) expect(h, `${p} refers to ${h}`).toMatch(/(^|\.)linyu\.test$/);
    }
  });

  it('registers and logs in with the phone number and an SMS code only', async () => {
    await register();
    expect((await t.call(HOSTS.api, '/api/login', { json: { phone: PHONE, smsCode: '111111' } })).status).toBe(400);
    const login = await t.call(HOSTS.api, '/api/login', { json: { phone: PHONE, smsCode: CODE } });
    expect((await t.call(HOSTS.api, '/api/me', { token: login.body.data.token })).body.data.verified).toBe(false);
  });

  it('takes an on-device face result bound to a fresh challenge, or an SMS code', async () => {
    const token = await register();
    const stale = await t.call(HOSTS.api, '/api/security/check', { token, json: { method: 'device', challenge: 'made-up', passed: true } });
    expect(stale.status).toBe(403);
    const ch = await t.call(HOSTS.api, '/api/security/challenge', { token, json: {} });
    const failed = await t.call(HOSTS.api, '/api/security/check', { token, json: { method: 'device', challenge: ch.body.data.challenge, passed: false } });
    expect(failed.status).toBe(403);
    const ch2 = await t.call(HOSTS.api, '/api/security/challenge', { token, json: {} });
    const ok = await t.call(HOSTS.api, '/api/security/check', { token, json: { method: 'device', challenge: ch2.body.data.challenge, passed: true } });
    expect(ok.body.msg).toBe('验证成功');
    const sms = await t.call(HOSTS.api, '/api/security/check', { token, json: { method: 'sms', smsCode: CODE } });
    expect(sms.body.msg).toBe('验证成功');
    expect((await t.call(HOSTS.api, '/api/me', { token })).body.data.verified).toBe(true);
  });

  it('really deletes the account on cancellation', async () => {
    const token = await register();
    expect(t.app.accountCount()).toBe(1);
    expect((await t.call(HOSTS.api, '/api/account/cancel', { token, json: { smsCode: '000000' } })).status).toBe(400);
    expect(t.app.accountCount()).toBe(1);
    expect((await t.call(HOSTS.api, '/api/account/cancel', { token, json: { smsCode: CODE } })).body.msg).toBe('账号已注销');
    expect(t.app.accountCount()).toBe(0);
    expect((await t.call(HOSTS.api, '/api/me', { token })).status).toBe(401);
    expect((await t.call(HOSTS.api, '/api/login', { json: { phone: PHONE, smsCode: CODE } })).status).toBe(404);
    await register();
  });

  it('forgets accounts on reset()', async () => {
    await register();
    await t.app.reset();
    expect(t.app.accountCount()).toBe(0);
  });
});
