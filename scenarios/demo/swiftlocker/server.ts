// SwiftLocker (速递柜): a parcel-locker sending H5 page, its API, a legacy real-name service still on
// plain HTTP, and the face-verification cloud the page sends the sender's face to. See README.md.

import type { LocalApp } from '../../../src/core/scenario.ts';
import { HttpError, PHONE_RE, bearer, isJpeg, json, need, parseForm, parseJson, router, staticPages, type Handler, type Req } from '../shared/http-kit.ts';
import { serveHosts } from '../shared/local-app.ts';
import { checkSmsCode } from '../shared/sms.ts';
import { newToken } from '../shared/tokens.ts';

export const HOSTS = {
  web: 'h5.swiftlocker.test',
  api: 'api.swiftlocker.test',
  legacy: 'legacy.swiftlocker.test',
  faceCloud: 'api.facepass-cloud.test',
} as const;

interface Sender {
  mobile: string;
  realName?: string;
  certNo?: string;
}

interface Order {
  orderNo: string;
  mobile: string;
  body: Record<string, unknown>;
  dropCode?: string;
}

class State {
  senders = new Map<string, Sender>();
  sessions = new Map<string, string>();
  /** One-time tickets that hand a fresh session to the legacy real-name page. */
  tickets = new Map<string, string>();
  orders = new Map<string, Order>();
  faceTokens = new Set<string>();

  sender(req: Req): Sender {
    const mobile = this.sessions.get(bearer(req) ?? '');
    const s = mobile ? this.senders.get(mobile) : undefined;
    if (!s) throw new HttpError(401, '登录已失效，请重新登录');
    return s;
  }

  session(mobile: string): string {
    const token = newToken('t');
    this.sessions.set(token, mobile);
    return token;
  }
}

function mobileOf(b: Record<string, unknown>): string {
  const mobile = need(b.mobile, '手机号');
  if (!PHONE_RE.test(mobile)) throw new HttpError(400, '手机号格式不正确');
  return mobile;
}

function apiRoutes(s: State): Handler {
  return router(
    {
      'POST /api/h5/sms/send': (req) => {
        mobileOf(parseJson(req));
        return json({ code: 0, msg: '验证码已发送' });
      },
      // For confirmations inside a session: the code goes to the account's own phone.
      'POST /api/h5/sms/send-self': (req) => {
        s.sender(req);
        return json({ code: 0, msg: '验证码已发送' });
      },
      'POST /api/h5/user/register': (req) => {
        const b = parseJson(req);
        const mobile = mobileOf(b);
        checkSmsCode(b.smsCode);
        if (s.senders.has(mobile)) throw new HttpError(409, '该手机号已注册，请直接登录');
        s.senders.set(mobile, { mobile });
        const ticket = newToken('tk');
        s.tickets.set(ticket, mobile);
        return json({ code: 0, data: { token: s.session(mobile), ticket } });
      },
      'POST /api/h5/user/login': (req) => {
        const b = parseJson(req);
        const mobile = mobileOf(b);
        checkSmsCode(b.smsCode);
        if (!s.senders.has(mobile)) throw new HttpError(404, '该手机号未注册，请先注册');
        return json({ code: 0, data: { token: s.session(mobile) } });
      },
      'POST /api/h5/order/create': (req) => {
        const sender = s.sender(req);
        if (!sender.certNo) throw new HttpError(403, '请先完成寄件人实名登记');
        const b = parseJson(req);
        const r = b.recipient as Record<string, unknown> | undefined;
        need((b.sender as Record<string, unknown> | undefined)?.address, '寄件地址');
        need(r?.name, '收件人姓名');
        need(r?.mobile, '收件人电话');
        need(r?.address, '收件地址');
        need((b.goods as Record<string, unknown> | undefined)?.description, '物品信息');
        const order: Order = { orderNo: `SL${Date.now()}${Math.floor(Math.random() * 1000)}`, mobile: sender.mobile, body: b };
        s.orders.set(order.orderNo, order);
        return json({ code: 0, data: { orderNo: order.orderNo, verifyMethods: ['FACE'] } });
      },
      'POST /api/h5/order/confirm': (req) => {
        const sender = s.sender(req);
        const b = parseJson(req);
        const order = s.orders.get(need(b.orderNo, '订单号'));
        if (!order || order.mobile !== sender.mobile) throw new HttpError(404, '订单不存在');
        if (!s.faceTokens.has(need(b.faceToken, '人脸核验结果'))) throw new HttpError(403, '仅支持人脸识别验证');
        order.dropCode = String(100000 + Math.floor(Math.random() * 900000));
        return json({ code: 0, data: { dropCode: order.dropCode, locker: '文三路东部软件园3号柜' } });
      },
      'POST /api/h5/user/cancel': (req) => {
        const sender = s.sender(req);
        checkSmsCode(parseJson(req).smsCode);
        s.senders.delete(sender.mobile);
        for (const [t, m] of s.sessions) if (m === sender.mobile) s.sessions.delete(t);
        for (const [n, o] of s.orders) if (o.mobile === sender.mobile) s.orders.delete(n);
        return json({ code: 0, msg: '账号已注销' });
      },
    },
    { cors: true },
  );
}

/** The legacy real-name system: its own page and a form endpoint, plain HTTP only. */
function legacyRoutes(s: State): Handler {
  const page = staticPages(new URL('./legacy/', import.meta.url));
  const cgi = router({
    'POST /cgi-bin/realname.do': (req) => {
      const f = parseForm(req);
      const mobile = s.tickets.get(f.get('ticket') ?? '');
      const sender = mobile ? s.senders.get(mobile) : undefined;
      if (!sender) throw new HttpError(401, '登记链接已失效');
      sender.realName = need(f.get('sender_name'), '寄件人姓名');
      const certNo = need(f.get('cert_no'), '证件号码');
      if (!/^\d{17}[\dX]$/.test(certNo)) throw new HttpError(400, '证件号码格式不正确');
      sender.certNo = certNo;
      s.tickets.delete(f.get('ticket') ?? '');
      return json({ code: 0, msg: '实名登记成功' });
    },
  });
  return (req) => (req.method === 'GET' ? page(req) : cgi(req));
}

function faceCloudRoutes(s: State): Handler {
  return router(
    {
      'POST /openapi/v1/liveness/verify': (req) => {
        const b = parseJson(req);
        need(b.merchantId, 'merchantId');
        const img = ((b.request as Record<string, unknown> | undefined)?.faceImage as Record<string, unknown> | undefined)?.data;
        if (typeof img !== 'string' || !isJpeg(Buffer.from(img, 'base64'))) throw new HttpError(400, 'FACE_IMAGE_INVALID');
        const token = newToken('fp');
        s.faceTokens.add(token);
        return json({ code: 0, result: { passed: true, similarity: 0.94, token } });
      },
    },
    { cors: true },
  );
}

export async function startApp(): Promise<LocalApp> {
  const build = () => {
    const s = new State();
    return { api: apiRoutes(s), legacy: legacyRoutes(s), cloud: faceCloudRoutes(s) };
  };
  let h = build();
  return serveHosts(
    {
      [HOSTS.web]: { handler: staticPages(new URL('./pages/', import.meta.url)) },
      [HOSTS.api]: { handler: (req) => h.api(req), cors: true },
      [HOSTS.legacy]: { handler: (req) => h.legacy(req) },
      [HOSTS.faceCloud]: { handler: (req) => h.cloud(req), cors: true },
    },
    () => {
      h = build();
    },
  );
}
