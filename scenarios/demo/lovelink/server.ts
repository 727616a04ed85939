// LoveLink (缘来·LoveLink): a dating app's H5 site, its API, and the separate face-verification cloud
// its pages send face photos to. See README.md for the real case it mirrors.

import type { LocalApp } from '../../../src/core/scenario.ts';
import { HttpError, PHONE_RE, bearer, isJpeg, json, need, parseForm, parseJson, parseMultipart, router, staticPages, type Req } from '../shared/http-kit.ts';
import { serveHosts } from '../shared/local-app.ts';
import { checkSmsCode } from '../shared/sms.ts';
import { newToken } from '../shared/tokens.ts';

export const HOSTS = {
  web: 'www.lovelink.test',
  api: 'api.lovelink.test',
  faceCloud: 'api.facecloud-verify.test',
} as const;

interface Profile {
  education: string;
  employer: string;
  socialInsurance: Record<string, unknown>;
  taxRecord: Record<string, unknown>;
  contractFileId: string;
  faceToken: string;
}

interface User {
  uid: string;
  phone: string;
  password: string;
  gender: string;
  birthDate: string;
  maritalStatus: string;
  profile?: Profile;
  faceVerified: boolean;
}

class State {
  users = new Map<string, User>();
  sessions = new Map<string, string>();
  contracts = new Map<string, string>();
  /** Tokens the face cloud issued; the API checks them as if by a server-to-server call. */
  faceTokens = new Set<string>();

  user(req: Req): User {
    const phone = this.sessions.get(bearer(req) ?? '');
    const u = phone ? this.users.get(phone) : undefined;
    if (!u) throw new HttpError(401, '登录已失效，请重新登录');
    return u;
  }
}

function apiRoutes(s: State) {
  return router(
    {
      'POST /api/v1/sms/send': (req) => {
        const phone = need(parseJson(req).phone, '手机号');
        if (!PHONE_RE.test(phone)) throw new HttpError(400, '手机号格式不正确');
        return json({ code: 0, msg: '验证码已发送' });
      },
      'POST /api/v1/register': (req) => {
        const b = parseJson(req);
        const phone = need(b.phone, '手机号');
        if (!PHONE_RE.test(phone)) throw new HttpError(400, '手机号格式不正确');
        checkSmsCode(b.smsCode);
        if (s.users.has(phone)) throw new HttpError(409, '该手机号已注册，请直接登录');
        const user: User = {
          uid: newToken('u'),
          phone,
          password: need(b.password, '密码'),
          gender: need(b.gender, '性别'),
          birthDate: need(b.birthDate, '出生日期'),
          maritalStatus: need(b.maritalStatus, '婚姻状况'),
          faceVerified: false,
        };
        s.users.set(phone, user);
        const token = newToken('t');
        s.sessions.set(token, phone);
        return json({ code: 0, data: { token, uid: user.uid, profileComplete: false } });
      },
      'POST /api/v1/login': (req) => {
        const f = parseForm(req);
        const u = s.users.get(f.get('phone') ?? '');
        if (!u || u.password !== f.get('password')) throw new HttpError(401, '账号或密码错误');
        const token = newToken('t');
        s.sessions.set(token, u.phone);
        return json({ code: 0, data: { token, profileComplete: !!u.profile, faceVerified: u.faceVerified } });
      },
      'POST /api/v1/profile/contract': async (req) => {
        const u = s.user(req);
        const form = await parseMultipart(req);
        const file = form.get('labor_contract');
        if (!(file instanceof Blob) || file.size === 0) throw new HttpError(400, '请上传劳动合同');
        const fileId = newToken('f');
        s.contracts.set(fileId, u.uid);
        return json({ code: 0, data: { fileId } });
      },
      'POST /api/v1/profile': (req) => {
        const u = s.user(req);
        const b = parseJson(req);
        // The case this app mirrors: skipping is not allowed, every item is demanded.
        if (b.skip === true) throw new HttpError(403, '请完善资料后继续');
        const si = b.socialInsurance as Record<string, unknown> | undefined;
        const tax = b.taxRecord as Record<string, unknown> | undefined;
        const profile: Profile = {
          education: need(b.education, '学历'),
          employer: need(b.employer, '工作单位'),
          socialInsurance: { city: need(si?.city, '参保城市'), accountNo: need(si?.accountNo, '社保个人编号'), months: si?.months },
          taxRecord: { recordNo: need(tax?.recordNo, '个税纳税记录编号'), annualIncome: need(tax?.annualIncome, '年收入') },
          contractFileId: need(b.contractFileId, '劳动合同'),
          faceToken: need(b.faceToken, '真人头像'),
        };
        if (s.contracts.get(profile.contractFileId) !== u.uid) throw new HttpError(400, '请上传劳动合同');
        if (!s.faceTokens.has(profile.faceToken)) throw new HttpError(400, '真人头像认证未通过');
        u.profile = profile;
        return json({ code: 0, msg: '资料已提交' });
      },
      'GET /api/v1/profile': (req) => {
        const u = s.user(req);
        return json({ code: 0, data: { uid: u.uid, phone: u.phone, gender: u.gender, birthDate: u.birthDate, maritalStatus: u.maritalStatus, ...u.profile, faceVerified: u.faceVerified } });
      },
      'GET /api/v1/recommend': (req) => {
        s.user(req);
        return json({
          code: 0,
          data: [
            { nick: '阳光下的奔跑', age: 31, city: '杭州', tag: '已实名' },
            { nick: '书与咖啡', age: 29, city: '杭州', tag: '学历认证' },
            { nick: 'Leo', age: 33, city: '宁波', tag: '工作认证' },
          ],
        });
      },
      'POST /api/v1/verify/face': (req) => {
        const u = s.user(req);
        const bizToken = need(parseJson(req).bizToken, '认证凭证');
        if (!s.faceTokens.has(bizToken)) throw new HttpError(400, '人脸识别未通过');
        u.faceVerified = true;
        return json({ code: 0, msg: '认证成功' });
      },
      'POST /api/v1/account/cancel': async (req) => {
        const u = s.user(req);
        const form = await parseMultipart(req);
        need(form.get('realName'), '真实姓名');
        need(form.get('idNumber'), '身份证号');
        const photo = form.get('handheldIdPhoto');
        if (!(photo instanceof Blob) || !isJpeg(new Uint8Array(await photo.arrayBuffer()))) throw new HttpError(400, '请上传手持身份证照片');
        s.users.delete(u.phone);
        for (const [t, p] of s.sessions) if (p === u.phone) s.sessions.delete(t);
        return json({ code: 0, msg: '账号已注销' });
      },
    },
    { cors: true },
  );
}

/** The third party: a face cloud that takes a photo and answers with a token. */
function faceCloudRoutes(s: State) {
  const issue = () => {
    const t = newToken('fc');
    s.faceTokens.add(t);
    return t;
  };
  return router(
    {
      'POST /v2/face/detect': (req) => {
        const b = parseJson(req);
        need(b.app_id, 'app_id');
        const img = (b.image as Record<string, unknown> | undefined)?.base64;
        if (typeof img !== 'string' || !isJpeg(Buffer.from(img, 'base64'))) throw new HttpError(400, 'NO_FACE_IMAGE');
        return json({ code: 0, face_num: 1, face_token: issue() });
      },
      'POST /v2/face/compare': async (req) => {
        const form = await parseMultipart(req);
        need(form.get('app_id'), 'app_id');
        const img = form.get('image');
        if (!(img instanceof Blob) || !isJpeg(new Uint8Array(await img.arrayBuffer()))) throw new HttpError(400, 'NO_FACE_IMAGE');
        return json({ code: 0, result: 'PASS', score: 93.6, biz_token: issue() });
      },
    },
    { cors: true },
  );
}

export async function startApp(): Promise<LocalApp> {
  // API and face cloud share one state, rebuilt by reset() as a fresh install.
  const build = () => {
    const s = new State();
    return { api: apiRoutes(s), cloud: faceCloudRoutes(s) };
  };
  let h = build();
  return serveHosts(
    {
      [HOSTS.web]: { handler: staticPages(new URL('./pages/', import.meta.url)) },
      [HOSTS.api]: { handler: (req) => h.api(req), cors: true },
      [HOSTS.faceCloud]: { handler: (req) => h.cloud(req), cors: true },
    },
    () => {
      h = build();
    },
  );
}
