import { describe, expect, it } from 'vitest';
import { HOSTS, startApp } from '../../scenarios/demo/lovelink/server.ts';
import { useApp, multipart, photo } from './app-client.ts';

const PHONE = '13957216048';
const CODE = '246810';
const t = useApp(startApp);

async function register(): Promise<string> {
  const r = await t.call(HOSTS.api, '/api/v1/register', {
    json: { phone: PHONE, smsCode: CODE, password: 'pw-1', gender: '女', birthDate: '1993-08-15', maritalStatus: '未婚' },
  });
  expect(r.status).toBe(200);
  return r.body.data.token;
}

async function completeProfile(token: string): Promise<void> {
  const contract = await t.call(HOSTS.api, '/api/v1/profile/contract', { token, multipart: multipart({ docType: 'employment', labor_contract: photo(t.jpeg) }) });
  expect(contract.status).toBe(200);
  const face = await t.call(HOSTS.faceCloud, '/v2/face/detect', { json: { app_id: 'x', image: { base64: t.jpeg.toString('base64') } } });
  expect(face.body.face_token).toMatch(/^fc_/);
  const r = await t.call(HOSTS.api, '/api/v1/profile', {
    token,
    json: {
      education: '硕士', employer: '某公司', socialInsurance: { city: '杭州', accountNo: '1001904471' },
      taxRecord: { recordNo: 'R1', annualIncome: '360000' }, contractFileId: contract.body.data.fileId, faceToken: face.body.face_token,
    },
  });
  expect(r.body).toMatchObject({ code: 0, msg: '资料已提交' });
}

describe('LoveLink sample app', () => {
  it('plays three separate hosts on 127.0.0.1', () => {
    expect(Object.keys(t.app.hosts).sort()).toEqual([HOSTS.faceCloud, HOSTS.api, HOSTS.web].sort());
    const ports = new Set(Object.values(t.app.hosts));
    expect(ports.size).toBe(3);
    for (const a of ports) expect(a).toMatch(/^127\.0\.0\.1:\d+$/);
  });

  it('serves its pages and the shared scripts, and nothing outside them', async () => {
    const index = await t.call(HOSTS.web, '/');
    expect(index.status).toBe(200);
    expect(index.headers['content-type']).toContain('text/html');
    expect(index.text).toContain('隐私政策');
    for (const p of ['/register.html', '/profile.html', '/verify.html', '/cancel.html', '/js/camera.js', '/js/h5.js', '/css/base.css', '/app.js']) {
      expect((await t.call(HOSTS.web, p)).status, p).toBe(200);
    }
    expect((await t.call(HOSTS.web, '/app.js')).text).toContain('https://api.facecloud-verify.test');
    for (const p of ['/nope.html', '/../server.ts', '/server.ts', '/js/../server.ts', '/css/app.js']) expect((await t.call(HOSTS.web, p)).status, p).toBe(404);
  });

  it('answers CORS preflights from its pages', async () => {
    const r = await t.call(HOSTS.api, '/api/v1/register', { method: 'OPTIONS', headers: { origin: 'https://www.lovelink.test', 'access-control-request-method': 'POST' } });
    expect(r.status).toBe(204);
    expect(r.headers['access-control-allow-origin']).toBe('https://www.lovelink.test');
    expect(r.headers['access-control-allow-headers']).toContain('authorization');
  });

  it('refuses a wrong SMS code and a duplicate registration', async () => {
    const bad = await t.call(HOSTS.api, '/api/v1/register', { json: { phone: PHONE, smsCode: '000000', password: 'p', gender: '女', birthDate: 'x', maritalStatus: '未婚' } });
    expect(bad.status).toBe(400);
    await register();
    const again = await t.call(HOSTS.api, '/api/v1/register', { json: { phone: PHONE, smsCode: CODE, password: 'p', gender: '女', birthDate: 'x', maritalStatus: '未婚' } });
    expect(again.status).toBe(409);
  });

  it('will not let the profile be skipped or left incomplete', async () => {
    const token = await register();
    const skip = await t.call(HOSTS.api, '/api/v1/profile', { token, json: { skip: true } });
    expect(skip.status).toBe(403);
    expect(skip.body.msg).toBe('请完善资料后继续');
    const partial = await t.call(HOSTS.api, '/api/v1/profile', { token, json: { education: '硕士' } });
    expect(partial.status).toBe(400);
  });

  it('runs register, login, face verify and a cancellation that demands a hand-held ID photo', async () => {
    await completeProfile(await register());
    const login = await t.call(HOSTS.api, '/api/v1/login', { form: { phone: PHONE, password: 'pw-1' } });
    expect(login.body.data.profileComplete).toBe(true);
    const token: string = login.body.data.token;
    expect((await t.call(HOSTS.api, '/api/v1/login', { form: { phone: PHONE, password: 'wrong' } })).status).toBe(401);

    const noFace = await t.call(HOSTS.faceCloud, '/v2/face/compare', { multipart: multipart({ app_id: 'x', image: new Blob(['not a photo']) }) });
    expect(noFace.status).toBe(400);
    const cmp = await t.call(HOSTS.faceCloud, '/v2/face/compare', { multipart: multipart({ app_id: 'x', biz_no: 'b', image: photo(t.jpeg) }) });
    expect(cmp.body.result).toBe('PASS');
    expect((await t.call(HOSTS.api, '/api/v1/verify/face', { token, json: { bizToken: 'forged' } })).status).toBe(400);
    expect((await t.call(HOSTS.api, '/api/v1/verify/face', { token, json: { bizToken: cmp.body.biz_token } })).body.msg).toBe('认证成功');

    const withoutPhoto = await t.call(HOSTS.api, '/api/v1/account/cancel', { token, multipart: multipart({ realName: '林晓雯', idNumber: '330106199308150429' }) });
    expect(withoutPhoto.status).toBe(400);
    expect(withoutPhoto.body.msg).toBe('请上传手持身份证照片');
    const cancel = await t.call(HOSTS.api, '/api/v1/account/cancel', {
      token, multipart: multipart({ realName: '林晓雯', idNumber: '330106199308150429', handheldIdPhoto: photo(t.jpeg) }),
    });
    expect(cancel.body.msg).toBe('账号已注销');
    expect((await t.call(HOSTS.api, '/api/v1/login', { form: { phone: PHONE, password: 'pw-1' } })).status).toBe(401);
    expect((await t.call(HOSTS.api, '/api/v1/profile', { token })).status).toBe(401);
  });

  it('forgets every account on reset()', async () => {
    const token = await register();
    await t.app.reset();
    expect((await t.call(HOSTS.api, '/api/v1/profile', { token })).status).toBe(401);
    expect((await t.call(HOSTS.api, '/api/v1/login', { form: { phone: PHONE, password: 'pw-1' } })).status).toBe(401);
    await register();
  });
});
