import { describe, expect, it } from 'vitest';
import { HOSTS, startApp } from '../../scenarios/demo/xianqu/server.ts';
import { useApp, multipart, photo } from './app-client.ts';

const MOBILE = '13957216048';
const t = useApp(startApp);

async function registerAndLogin(): Promise<string> {
  const reg = await t.call(HOSTS.api, '/api/v2/passport/register', { form: { mobile: MOBILE, sms_code: '246810', password: 'pw' } });
  expect(reg.body.msg).toBe('注册成功');
  const login = await t.call(HOSTS.api, '/api/v2/passport/login', { form: { mobile: MOBILE, password: 'pw' } });
  expect(login.body.data.status).toBe('LOCKED');
  return login.body.data.token;
}

const face = () => multipart({ scene: 'S', face_photo: photo(t.jpeg) });

describe('XianQu sample app', () => {
  it('loads a third-party analytics SDK on every page, from its own host', async () => {
    for (const p of ['/', '/register.html', '/login.html', '/unlock.html', '/cancel.html']) {
      expect((await t.call(HOSTS.web, p)).text, p).toContain('https://sdk.tracklytics.test/tl.js');
    }
    const sdk = await t.call(HOSTS.sdk, '/tl.js');
    expect(sdk.headers['content-type']).toContain('javascript');
    expect(sdk.text).toContain('android_id');
    expect(sdk.text).toContain('oaid');
    // The SDK sends at init, and the page inits it before the policy dialog is answered.
    expect((await t.call(HOSTS.web, '/app.js')).text).toContain("Tracklytics.init('xq-h5-2f9a')");
  });

  it('records what the SDK host receives, until reset()', async () => {
    const r = await t.call(HOSTS.sdk, '/v3/collect', { json: { event: 'app_start', device: { android_id: 'a1b2c3d4e5f60718' } } });
    expect(r.status).toBe(200);
    expect(t.app.sdkEvents()).toHaveLength(1);
    await t.app.reset();
    expect(t.app.sdkEvents()).toHaveLength(0);
  });

  it('locks every login and unlocks only with a face photo', async () => {
    const token = await registerAndLogin();
    const other = await t.call(HOSTS.api, '/api/v2/security/unlock', { token, multipart: multipart({ scene: 'S', sms_code: '246810' }) });
    expect(other.status).toBe(403);
    expect(other.body.msg).toContain('仅支持人脸验证');
    expect((await t.call(HOSTS.api, '/api/v2/security/unlock', { token, multipart: face() })).body.msg).toBe('解锁成功');
  });

  it('cancels only with a face photo, and then the account is gone', async () => {
    const token = await registerAndLogin();
    expect((await t.call(HOSTS.api, '/api/v2/account/cancel', { token, multipart: multipart({ scene: 'S' }) })).status).toBe(403);
    expect((await t.call(HOSTS.api, '/api/v2/account/cancel', { token, multipart: face() })).body.msg).toBe('账号已注销');
    expect((await t.call(HOSTS.api, '/api/v2/passport/login', { form: { mobile: MOBILE, password: 'pw' } })).status).toBe(401);
  });

  it('forgets accounts on reset()', async () => {
    await registerAndLogin();
    await t.app.reset();
    expect((await t.call(HOSTS.api, '/api/v2/passport/login', { form: { mobile: MOBILE, password: 'pw' } })).status).toBe(401);
  });
});
