// XianQu (闲趣): a second-hand marketplace's H5 site and API, plus the analytics SDK host its pages load.
// See README.md for the real case it mirrors.

import type { LocalApp } from '../../../src/core/scenario.ts';
import { HttpError, PHONE_RE, bearer, isJpeg, json, need, parseForm, parseJson, parseMultipart, router, staticPages, type Handler, type Req } from '../shared/http-kit.ts';
import { serveHosts } from '../shared/local-app.ts';
import { checkSmsCode } from '../shared/sms.ts';
import { newToken } from '../shared/tokens.ts';

export const HOSTS = {
  web: 'm.xianqu.test',
  api: 'api.xianqu.test',
  sdk: 'sdk.tracklytics.test',
} as const;

interface User {
  uid: string;
  mobile: string;
  password: string;
  locked: boolean;
}

class State {
  users = new Map<string, User>();
  sessions = new Map<string, string>();
  /** What the analytics vendor received: kept only so tests can see the beacon arrived. */
  sdkEvents: unknown[] = [];

  user(req: Req): User {
    const mobile = this.sessions.get(bearer(req) ?? '');
    const u = mobile ? this.users.get(mobile) : undefined;
    if (!u) throw new HttpError(401, '登录已失效，请重新登录');
    return u;
  }
}

/** The face check both unlocking and cancelling demand: a live photo, nothing else accepted. */
async function requireFace(req: Req): Promise<void> {
  const form = await parseMultipart(req);
  const photo = form.get('face_photo');
  if (!(photo instanceof Blob) || !isJpeg(new Uint8Array(await photo.arrayBuffer()))) throw new HttpError(403, '为保障账户安全，仅支持人脸验证');
}

function apiRoutes(s: State): Handler {
  return router(
    {
      'POST /api/v2/sms/send': (req) => {
        if (!PHONE_RE.test(parseForm(req).get('mobile') ?? '')) throw new HttpError(400, '手机号格式不正确');
        return json({ code: 0, msg: '验证码已发送' });
      },
      'POST /api/v2/passport/register': (req) => {
        const f = parseForm(req);
        const mobile = need(f.get('mobile'), '手机号');
        if (!PHONE_RE.test(mobile)) throw new HttpError(400, '手机号格式不正确');
        checkSmsCode(f.get('sms_code'));
        if (s.users.has(mobile)) throw new HttpError(409, '该手机号已注册，请直接登录');
        s.users.set(mobile, { uid: newToken('u'), mobile, password: need(f.get('password'), '密码'), locked: false });
        return json({ code: 0, msg: '注册成功' });
      },
      'POST /api/v2/passport/login': (req) => {
        const f = parseForm(req);
        const u = s.users.get(f.get('mobile') ?? '');
        if (!u || u.password !== f.get('password')) throw new HttpError(401, '账号或密码错误');
        // The case this app mirrors: a new login is frozen "for security" until the face is shown.
        u.locked = true;
        const token = newToken('t');
        s.sessions.set(token, u.mobile);
        return json({ code: 0, data: { token, uid: u.uid, status: 'LOCKED', lockReason: '账号存在安全风险，已被临时锁定' } });
      },
      'GET /api/v2/items': () =>
        json({
          code: 0,
          data: [
            { title: '九成新 Kindle Paperwhite', price: 380, city: '杭州' },
            { title: '宜家书桌 自提', price: 120, city: '杭州' },
            { title: '闲置婴儿推车', price: 260, city: '宁波' },
          ],
        }),
      'POST /api/v2/security/unlock': async (req) => {
        const u = s.user(req);
        await requireFace(req);
        u.locked = false;
        return json({ code: 0, msg: '解锁成功' });
      },
      'POST /api/v2/account/cancel': async (req) => {
        const u = s.user(req);
        await requireFace(req);
        s.users.delete(u.mobile);
        for (const [t, m] of s.sessions) if (m === u.mobile) s.sessions.delete(t);
        return json({ code: 0, msg: '账号已注销' });
      },
    },
    { cors: true },
  );
}

/** The analytics vendor: serves its SDK script and takes events. */
function sdkRoutes(s: State): Handler {
  const script = staticPages(new URL('./sdk/', import.meta.url));
  const events = router(
    {
      'POST /v3/collect': (req) => {
        s.sdkEvents.push(parseJson(req));
        return json({ code: 0 });
      },
    },
    { cors: true },
  );
  return (req) => (req.method === 'GET' ? script(req) : events(req));
}

export interface XianQuApp extends LocalApp {
  /** Events the analytics host received since the last reset. */
  sdkEvents(): unknown[];
}

export async function startApp(): Promise<XianQuApp> {
  let s = new State();
  let h = { api: apiRoutes(s), sdk: sdkRoutes(s) };
  const app = await serveHosts(
    {
      [HOSTS.web]: { handler: staticPages(new URL('./pages/', import.meta.url)) },
      [HOSTS.api]: { handler: (req) => h.api(req), cors: true },
      [HOSTS.sdk]: { handler: (req) => h.sdk(req), cors: true },
    },
    () => {
      s = new State();
      h = { api: apiRoutes(s), sdk: sdkRoutes(s) };
    },
  );
  return { ...app, sdkEvents: () => [...s.sdkEvents] };
}
