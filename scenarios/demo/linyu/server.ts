// LinYu (邻语): a well-behaved neighbourhood community app, the control. It needs only the phone number,
// checks the face on the device (or by SMS), and forgets the account on request. See README.md.

import type { LocalApp } from '../../../src/core/scenario.ts';
import { HttpError, PHONE_RE, bearer, json, need, parseJson, router, staticPages, type Handler, type Req } from '../shared/http-kit.ts';
import { serveHosts } from '../shared/local-app.ts';
import { checkSmsCode } from '../shared/sms.ts';
import { newToken } from '../shared/tokens.ts';

export const HOSTS = {
  web: 'www.linyu.test',
  api: 'api.linyu.test',
} as const;

interface Account {
  uid: string;
  phone: string;
  verifiedAt?: number;
}

class State {
  accounts = new Map<string, Account>();
  sessions = new Map<string, string>();
  /** One-time challenges for the on-device face check, per session. */
  challenges = new Map<string, string>();

  session(req: Req): { token: string; account: Account } {
    const token = bearer(req) ?? '';
    const phone = this.sessions.get(token);
    const account = phone ? this.accounts.get(phone) : undefined;
    if (!account) throw new HttpError(401, '登录已失效，请重新登录');
    return { token, account };
  }

  login(phone: string): string {
    const token = newToken('t');
    this.sessions.set(token, phone);
    return token;
  }
}

function phoneOf(b: Record<string, unknown>): string {
  const phone = need(b.phone, '手机号');
  if (!PHONE_RE.test(phone)) throw new HttpError(400, '手机号格式不正确');
  return phone;
}

function apiRoutes(s: State): Handler {
  return router(
    {
      'POST /api/sms/send': (req) => {
        phoneOf(parseJson(req));
        return json({ code: 0, msg: '验证码已发送' });
      },
      'POST /api/sms/send-self': (req) => {
        s.session(req);
        return json({ code: 0, msg: '验证码已发送' });
      },
      'POST /api/register': (req) => {
        const b = parseJson(req);
        const phone = phoneOf(b);
        checkSmsCode(b.smsCode);
        if (s.accounts.has(phone)) throw new HttpError(409, '该手机号已注册，请直接登录');
        s.accounts.set(phone, { uid: newToken('u'), phone });
        return json({ code: 0, msg: '注册成功', data: { token: s.login(phone) } });
      },
      'POST /api/login': (req) => {
        const b = parseJson(req);
        const phone = phoneOf(b);
        checkSmsCode(b.smsCode);
        if (!s.accounts.has(phone)) throw new HttpError(404, '该手机号未注册，请先注册');
        return json({ code: 0, data: { token: s.login(phone) } });
      },
      'GET /api/me': (req) => {
        const { account } = s.session(req);
        return json({ code: 0, data: { uid: account.uid, verified: !!account.verifiedAt } });
      },
      'GET /api/feed': () =>
        json({
          code: 0,
          data: [
            { topic: '小区南门周六有二手集市', replies: 23 },
            { topic: '求推荐靠谱的家电维修师傅', replies: 8 },
            { topic: '晚上跑步搭子，西溪湿地一圈', replies: 15 },
          ],
        }),
      'POST /api/security/challenge': (req) => {
        const { token } = s.session(req);
        const challenge = newToken('c');
        s.challenges.set(token, challenge);
        return json({ code: 0, data: { challenge } });
      },
      // The face never leaves the phone: the page sends only the outcome, bound to a fresh challenge.
      'POST /api/security/check': (req) => {
        const { token, account } = s.session(req);
        const b = parseJson(req);
        const expected = s.challenges.get(token);
        s.challenges.delete(token);
        if (b.method === 'device') {
          if (!expected || b.challenge !== expected || b.passed !== true) throw new HttpError(403, '验证未通过，请重试');
        } else if (b.method === 'sms') {
          checkSmsCode(b.smsCode);
        } else throw new HttpError(400, '请选择验证方式');
        account.verifiedAt = Date.now();
        return json({ code: 0, msg: '验证成功' });
      },
      'POST /api/account/cancel': (req) => {
        const { account } = s.session(req);
        checkSmsCode(parseJson(req).smsCode);
        s.accounts.delete(account.phone);
        for (const [t, p] of s.sessions) {
          if (p !== account.phone) continue;
          s.sessions.delete(t);
          s.challenges.delete(t);
        }
        return json({ code: 0, msg: '账号已注销' });
      },
    },
    { cors: true },
  );
}

export interface LinYuApp extends LocalApp {
  /** How many accounts the server holds: lets tests prove cancellation really deletes. */
  accountCount(): number;
}

export async function startApp(): Promise<LinYuApp> {
  let s = new State();
  let api = apiRoutes(s);
  const app = await serveHosts(
    {
      [HOSTS.web]: { handler: staticPages(new URL('./pages/', import.meta.url)) },
      [HOSTS.api]: { handler: (req) => api(req), cors: true },
    },
    () => {
      s = new State();
      api = apiRoutes(s);
    },
  );
  return { ...app, accountCount: () => s.accounts.size };
}
