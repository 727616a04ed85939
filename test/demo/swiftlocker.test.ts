import { describe, expect, it } from 'vitest';
import { HOSTS, startApp } from '../../scenarios/demo/swiftlocker/server.ts';
import { useApp } from './app-client.ts';

const MOBILE = '13957216048';
const CODE = '246810';
const ORDER = {
  lockerId: 'L1',
  sender: { address: '杭州市西湖区文三路90号' },
  recipient: { name: '周建国', mobile: '13805719326', address: '宁波市鄞州区天童南路588号' },
  goods: { description: '书籍2本', weightKg: 1 },
};
const t = useApp(startApp);

async function registerWithRealName(): Promise<string> {
  const r = await t.call(HOSTS.api, '/api/h5/user/register', { json: { mobile: MOBILE, smsCode: CODE } });
  expect(r.status).toBe(200);
  const rn = await t.call(HOSTS.legacy, '/cgi-bin/realname.do', { form: { ticket: r.body.data.ticket, sender_name: '林晓雯', cert_type: '01', cert_no: '330106199308150429' } });
  expect(rn.body).toMatchObject({ code: 0, msg: '实名登记成功' });
  return r.body.data.token;
}

describe('SwiftLocker sample app', () => {
  it('serves its H5 pages and the legacy real-name page on their own hosts', async () => {
    expect((await t.call(HOSTS.web, '/')).text).toContain('隐私政策');
    expect((await t.call(HOSTS.web, '/send.html')).text).toContain('仅支持人脸识别验证');
    const legacy = await t.call(HOSTS.legacy, '/realname.html');
    expect(legacy.status).toBe(200);
    expect(legacy.text).toContain('cert-no');
    // The register page hands over to the legacy host over plain http.
    expect((await t.call(HOSTS.web, '/app.js')).text).toContain("'http://legacy.swiftlocker.test'");
  });

  it('refuses a reused real-name ticket and a malformed ID number', async () => {
    const r = await t.call(HOSTS.api, '/api/h5/user/register', { json: { mobile: MOBILE, smsCode: CODE } });
    const bad = await t.call(HOSTS.legacy, '/cgi-bin/realname.do', { form: { ticket: r.body.data.ticket, sender_name: '林晓雯', cert_no: '12345' } });
    expect(bad.status).toBe(400);
    const ok = await t.call(HOSTS.legacy, '/cgi-bin/realname.do', { form: { ticket: r.body.data.ticket, sender_name: '林晓雯', cert_no: '330106199308150429' } });
    expect(ok.status).toBe(200);
    const reused = await t.call(HOSTS.legacy, '/cgi-bin/realname.do', { form: { ticket: r.body.data.ticket, sender_name: '林晓雯', cert_no: '330106199308150429' } });
    expect(reused.status).toBe(401);
  });

  it('accepts a parcel only after a face check at the face cloud', async () => {
    const token = await registerWithRealName();
    const order = await t.call(HOSTS.api, '/api/h5/order/create', { token, json: ORDER });
    expect(order.body.data.verifyMethods).toEqual(['FACE']);
    const orderNo: string = order.body.data.orderNo;
    const noFace = await t.call(HOSTS.api, '/api/h5/order/confirm', { token, json: { orderNo, faceToken: 'id-number-instead' } });
    expect(noFace.status).toBe(403);
    expect(noFace.body.msg).toBe('仅支持人脸识别验证');
    const face = await t.call(HOSTS.faceCloud, '/openapi/v1/liveness/verify', {
      json: { merchantId: 'm', bizNo: orderNo, request: { faceImage: { format: 'jpg', data: t.jpeg.toString('base64') } } },
    });
    expect(face.body.result.passed).toBe(true);
    const ok = await t.call(HOSTS.api, '/api/h5/order/confirm', { token, json: { orderNo, faceToken: face.body.result.token } });
    expect(ok.body.data.dropCode).toMatch(/^\d{6}$/);
  });

  it('needs the real-name step before an order', async () => {
    const r = await t.call(HOSTS.api, '/api/h5/user/register', { json: { mobile: MOBILE, smsCode: CODE } });
    const order = await t.call(HOSTS.api, '/api/h5/order/create', { token: r.body.data.token, json: ORDER });
    expect(order.status).toBe(403);
  });

  it('cancels the account for real, and reset() forgets everything', async () => {
    const token = await registerWithRealName();
    expect((await t.call(HOSTS.api, '/api/h5/user/login', { json: { mobile: MOBILE, smsCode: CODE } })).status).toBe(200);
    expect((await t.call(HOSTS.api, '/api/h5/user/cancel', { token, json: { smsCode: CODE } })).body.msg).toBe('账号已注销');
    expect((await t.call(HOSTS.api, '/api/h5/user/login', { json: { mobile: MOBILE, smsCode: CODE } })).status).toBe(404);

    const t2 = await registerWithRealName();
    await t.app.reset();
    expect((await t.call(HOSTS.api, '/api/h5/order/create', { token: t2, json: ORDER })).status).toBe(401);
    expect((await t.call(HOSTS.api, '/api/h5/user/login', { json: { mobile: MOBILE, smsCode: CODE } })).status).toBe(404);
  });
});
