// A small hand-made run directory for report tests: a dating app that over-collects at register,
// returns the stored mobile and ID numbers in its login response, uploads a face to a third party at
// verify, and demands a hand-held ID photo at delete (waived).

import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import sharp from 'sharp';
import type { Finding } from '../../src/core/finding.ts';
import type { Flow } from '../../src/core/flow.ts';
import type { Observation, Party } from '../../src/core/observation.ts';
import type { PhaseName, VariantName } from '../../src/core/phase.ts';
import type { FindingsFile, RuleEvaluation, RuleMeta } from '../../src/core/rule.ts';
import type { RunInfo } from '../../src/core/run.ts';
import type { Persona } from '../../src/core/target.ts';
import type { TimelineEvent } from '../../src/core/timeline.ts';

export const PERSONA: Persona = {
  name: '张三丰',
  phone: '13800138000',
  idNumber: '110101199003078515',
  email: 'sanfeng.zhang@example.com',
  password: 'S3cret-Pass!',
  smsCode: '246813',
  birthDate: '1990-03-07',
  extra: { employer: 'Acme Widgets Ltd' },
};

export interface FixtureOptions {
  complete?: boolean;
  /** Parent folder (an out-root); default a new temporary one. */
  root?: string;
  /** When the run started (ISO); default 2025-01-01T00:00:00Z. Names the run directory. */
  start?: string;
}

export interface Fixture {
  dir: string;
  /** Finding ids expected as failed Allure test cases / nonconformities. */
  failedFindings: string[];
  waivedFinding: string;
}

const FIRST: Party = { kind: 'first', host: 'api.lovelink.test', domain: 'lovelink.test' };
const FACE: Party = { kind: 'third', host: 'api.facecloud.test', domain: 'facecloud.test', organisation: 'FaceCloud Inc.', service: 'face verification API' };

export async function makeRunDir(opts: FixtureOptions = {}): Promise<Fixture> {
  const startedAt = opts.start ?? '2025-01-01T00:00:00.000Z';
  const runId = `${startedAt.replace(/[-:]|\.\d+/g, '')}_LoveLink`;
  const dir = join(opts.root ?? mkdtempSync(join(tmpdir(), 'privlab-report-')), runId);
  mkdirSync(join(dir, 'bodies'), { recursive: true });
  mkdirSync(join(dir, 'screenshots'), { recursive: true });

  let clock = Date.parse(startedAt);
  const at = (): string => new Date((clock += 1000)).toISOString();
  const putBody = (b: Buffer): string => {
    const sha = createHash('sha256').update(b).digest('hex');
    writeFileSync(join(dir, 'bodies', sha), b);
    return sha;
  };
  let shot = 0;
  const putShot = async (label: string): Promise<string> => {
    shot += 1;
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="240" height="160"><rect width="240" height="160" fill="#2b6cb0"/><rect x="20" y="20" width="200" height="40" fill="#fff"/><text x="30" y="48" font-size="18" fill="#000">${label} ${shot}</text></svg>`;
    const png = await sharp(Buffer.from(svg)).png().toBuffer();
    const rel = `screenshots/${createHash('sha256').update(png).digest('hex')}.png`;
    writeFileSync(join(dir, rel), png);
    return rel;
  };

  const timeline: TimelineEvent[] = [];
  const ev = (e: Record<string, unknown>): void => {
    timeline.push({ seq: timeline.length + 1, time: at(), ...e } as TimelineEvent);
  };
  const flows: Flow[] = [];
  const flow = (phase: PhaseName, variant: VariantName, method: string, url: string, contentType: string, body: Buffer, encoding?: string): string => {
    const id = `f${String(flows.length + 1).padStart(6, '0')}`;
    flows.push({
      id,
      time: at(),
      phase,
      variant,
      client: 'app',
      engine: 'embedded',
      request: {
        method,
        url,
        headers: [
          { name: 'content-type', value: contentType },
          ...(encoding ? [{ name: 'content-encoding', value: encoding }] : []),
          { name: 'x-device-phone-md5', value: createHash('md5').update(PERSONA.phone).digest('hex') },
        ],
        body: { sha256: putBody(body), size: body.length, contentType, ...(encoding ? { contentEncoding: encoding } : {}) },
      },
      response: { status: 200, headers: [{ name: 'content-type', value: 'application/json' }] },
    });
    return id;
  };
  const action = async (phase: PhaseName, variant: VariantName, a: string, target: string, valueRef?: string): Promise<void> =>
    ev({ type: 'action', phase, variant, action: a, target, ok: true, ...(valueRef ? { valueRef } : {}), screenshot: await putShot(`${phase} ${a}`) });

  const face = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#c89' } }).jpeg().toBuffer();
  const multipart = (fields: Record<string, string>, fileField: string): Buffer =>
    Buffer.concat([
      ...Object.entries(fields).map(([k, v]) => Buffer.from(`--B\r\ncontent-disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`)),
      Buffer.from(`--B\r\ncontent-disposition: form-data; name="${fileField}"; filename="p.jpg"\r\ncontent-type: image/jpeg\r\n\r\n`),
      face,
      Buffer.from('\r\n--B--\r\n'),
    ]);

  // --- variant accept-all ---
  const v: VariantName = 'accept-all';
  ev({ type: 'variant-start', phase: null, variant: v });
  ev({ type: 'phase-start', phase: 'register', variant: v });
  await action('register', v, 'goto', 'https://lovelink.test/');
  await action('register', v, 'fill', '#phone', 'persona.phone');
  await action('register', v, 'fill', '#password', 'persona.password');
  const fReg = flow('register', v, 'POST', 'https://api.lovelink.test/register', 'application/json',
    Buffer.from(JSON.stringify({ phone: PERSONA.phone, password: PERSONA.password, code: PERSONA.smsCode })));
  await action('register', v, 'tap', 'text=完善资料');
  const profile = {
    name: PERSONA.name,
    education: '本科学历',
    socialInsurance: 'SI-2020-778899',
    taxRecord: 'TAX-55667788',
    employer: PERSONA.extra!.employer,
    idb64: Buffer.from(PERSONA.idNumber).toString('base64'),
    mail: encodeURIComponent(PERSONA.email!),
  };
  const fProfile = flow('register', v, 'POST', 'https://api.lovelink.test/profile', 'application/json', gzipSync(JSON.stringify(profile)), 'gzip');
  ev({ type: 'phase-end', phase: 'register', variant: v, status: 'completed' });
  ev({ type: 'phase-start', phase: 'login', variant: v });
  await action('login', v, 'fill', '#phone', 'persona.phone');
  const fLogin = flow('login', v, 'POST', 'https://api.lovelink.test/login', 'application/json', Buffer.from(JSON.stringify({ phone: PERSONA.phone, password: PERSONA.password })));
  const loginAnswer = Buffer.from(JSON.stringify({ token: 'tk-1', user: { mobile: PERSONA.phone, idNo: PERSONA.idNumber, lastLoginIp: '203.0.113.7' } }));
  flows.find((x) => x.id === fLogin)!.response!.body = { sha256: putBody(loginAnswer), size: loginAnswer.length, contentType: 'application/json' };
  await action('login', v, 'see', 'text=欢迎');
  ev({ type: 'phase-end', phase: 'login', variant: v, status: 'completed' });
  ev({ type: 'phase-start', phase: 'verify', variant: v });
  await action('verify', v, 'tap', 'text=开始人脸识别');
  const fFace = flow('verify', v, 'POST', `https://api.facecloud.test/v1/face?uid=${PERSONA.phone}`, 'multipart/form-data; boundary=B',
    multipart({ id_number: PERSONA.idNumber, name: PERSONA.name }, 'photo'));
  await action('verify', v, 'see', 'text=认证成功');
  ev({ type: 'phase-end', phase: 'verify', variant: v, status: 'completed' });
  ev({ type: 'phase-start', phase: 'delete', variant: v });
  await action('delete', v, 'tap', 'text=注销账号');
  const fCancel = flow('delete', v, 'POST', 'https://api.lovelink.test/cancel', 'multipart/form-data; boundary=B', multipart({ phone: PERSONA.phone }, 'handheld'));
  ev({ type: 'phase-end', phase: 'delete', variant: v, status: 'completed' });
  ev({ type: 'variant-end', phase: null, variant: v });
  // --- variant refuse-biometric: verify is blocked ---
  const r: VariantName = 'refuse-biometric';
  ev({ type: 'variant-start', phase: null, variant: r });
  ev({ type: 'phase-start', phase: 'verify', variant: r });
  await action('verify', r, 'tap', 'text=其他方式验证');
  ev({ type: 'phase-end', phase: 'verify', variant: r, status: 'blocked', blockedAt: 'see text=认证成功' });
  ev({ type: 'variant-end', phase: null, variant: r });

  const obs: Observation[] = [];
  const ob = (piType: string, value: string, flowId: string, path: string, party: Party, chain: string[] = ['json'], direction: Observation['direction'] = 'request'): string => {
    const f = flows.find((x) => x.id === flowId)!;
    const id = `o${obs.length + 1}`;
    obs.push({ id, piType, value, location: 'body', path, chain, detector: 'test', evidence: `key ${path}`, confidence: 0.9, flowId, time: f.time, phase: f.phase, variant: f.variant, direction, party });
    return id;
  };
  ob('phone_number', PERSONA.phone, fReg, 'body.phone', FIRST);
  ob('password', PERSONA.password, fReg, 'body.password', FIRST);
  ob('sms_code', PERSONA.smsCode!, fReg, 'body.code', FIRST);
  const oEdu = ob('education', '本科学历', fProfile, 'body.education', FIRST, ['gzip', 'json']);
  const oSi = ob('social_insurance', 'SI-2020-778899', fProfile, 'body.socialInsurance', FIRST, ['gzip', 'json']);
  const oTax = ob('tax_record', 'TAX-55667788', fProfile, 'body.taxRecord', FIRST, ['gzip', 'json']);
  ob('real_name', PERSONA.name, fProfile, 'body.name', FIRST, ['gzip', 'json']);
  ob('phone_number', PERSONA.phone, fLogin, 'body.phone', FIRST);
  ob('password', PERSONA.password, fLogin, 'body.password', FIRST);
  ob('phone_number', PERSONA.phone, fLogin, 'response.body.user.mobile', FIRST, ['json'], 'response');
  ob('id_number', PERSONA.idNumber, fLogin, 'response.body.user.idNo', FIRST, ['json'], 'response');
  ob('ip_address', '203.0.113.7', fLogin, 'response.body.user.lastLoginIp', FIRST, ['json'], 'response');
  const oFace = ob('face_image', '[image/jpeg 64x64]', fFace, 'body[multipart:photo]', FACE, ['multipart:photo']);
  const oId = ob('id_number', PERSONA.idNumber, fFace, 'body[multipart:id_number]', FACE, ['multipart:id_number']);
  const oHand = ob('handheld_id_photo', '[image/jpeg 64x64]', fCancel, 'body[multipart:handheld]', FIRST, ['multipart:handheld']);

  const rules: RuleMeta[] = [
    { id: 'over-collection', title: { zh: '超出必要范围收集个人信息', en: 'Over-collection' }, description: { zh: '收集类别必要范围以外的个人信息', en: 'PI outside the category baseline' }, severity: 'high', clauses: ['necessary-pi-2021-art5', 'necessary-pi-2021-art4'], kind: 'over-collection' },
    { id: 'biometric-upload', title: { zh: '人脸信息上传', en: 'Biometric upload' }, description: { zh: '人脸图像离开设备', en: 'A face image leaves the device' }, severity: 'critical', clauses: ['pipl-art28', 'face-measures-2025-art4'], kind: 'biometric-upload' },
    { id: 'cancellation-demands-more', title: { zh: '注销要求更多信息', en: 'Cancellation demands more' }, description: { zh: '注销要求提供注册时未要求的信息', en: 'Cancellation asks for more than registration' }, severity: 'medium', clauses: ['cac-draft-2026-cancellation'], kind: 'cancellation' },
    { id: 'plain-http', title: { zh: '明文传输', en: 'Plain-text transport' }, description: { zh: '个人信息经 http 明文发送', en: 'PI sent over plain http' }, severity: 'low', clauses: ['cybersecurity-law-art41'], kind: 'transport' },
  ];
  const finding = (id: string, ruleId: string, title: [string, string], severity: Finding['severity'], phase: PhaseName, piTypes: string[], flowIds: string[], obsIds: string[], reasoning: string, extra: Partial<Finding> = {}): Finding => ({
    id, ruleId, title: { zh: title[0], en: title[1] }, severity, clauses: rules.find((x) => x.id === ruleId)!.clauses, phase, variants: ['accept-all'], notHeldIn: [], piTypes, reasoning,
    evidence: { flows: flowIds, observations: obsIds, timeline: [] }, ...extra,
  });
  const findings: Finding[] = [
    finding('over-collection:register:accept-all:education', 'over-collection', ['收集学历', 'Collects education'], 'high', 'register', ['education'], [fProfile], [oEdu], 'education is not in the necessary PI of marriage_dating'),
    finding('over-collection:register:accept-all:social_insurance', 'over-collection', ['收集社保记录', 'Collects social insurance records'], 'high', 'register', ['social_insurance'], [fProfile], [oSi], 'social_insurance is not in the necessary PI of marriage_dating'),
    finding('over-collection:register:accept-all:tax_record', 'over-collection', ['收集纳税记录', 'Collects tax records'], 'high', 'register', ['tax_record'], [fProfile], [oTax], 'tax_record is not in the necessary PI of marriage_dating'),
    finding('biometric-upload:verify:accept-all:api.facecloud.test', 'biometric-upload', ['人脸图像上传至第三方', 'Face image uploaded to a third party'], 'critical', 'verify', ['face_image'], [fFace], [oFace, oId], 'a face image went to api.facecloud.test (FaceCloud Inc.)', { party: FACE }),
    finding('cancellation-demands-more:delete:accept-all:handheld_id_photo', 'cancellation-demands-more', ['注销要求手持身份证照片', 'Cancellation demands a hand-held ID photo'], 'medium', 'delete', ['handheld_id_photo'], [fCancel], [oHand], 'registration asked no ID photo; cancellation does', { waived: { justification: 'identity check required by the client contract', by: 'reviewer' } }),
  ];
  const evals: RuleEvaluation[] = [
    { ruleId: 'over-collection', phase: 'register', variant: 'accept-all', status: 'violated', findingIds: findings.slice(0, 3).map((f) => f.id) },
    { ruleId: 'over-collection', phase: 'login', variant: 'accept-all', status: 'held', findingIds: [] },
    { ruleId: 'over-collection', phase: 'verify', variant: 'accept-all', status: 'held', findingIds: [] },
    { ruleId: 'biometric-upload', phase: 'verify', variant: 'accept-all', status: 'violated', findingIds: [findings[3]!.id] },
    { ruleId: 'biometric-upload', phase: 'verify', variant: 'refuse-biometric', status: 'held', findingIds: [] },
    { ruleId: 'cancellation-demands-more', phase: 'delete', variant: 'accept-all', status: 'violated', findingIds: [findings[4]!.id] },
    { ruleId: 'plain-http', phase: 'register', variant: null, status: 'not-applicable', reason: 'every flow used https', findingIds: [] },
  ];

  const complete = opts.complete ?? true;
  const outcomes: RunInfo['outcomes'] = [
    ...(['register', 'login', 'verify', 'delete'] as const).map((phase) => ({ phase, variant: v, status: 'completed' as const })),
    { phase: 'verify', variant: r, status: 'blocked', blockedAt: 'see text=认证成功' },
  ];
  const run: RunInfo = {
    id: runId,
    privlabVersion: '0.1.0',
    target: { name: 'LoveLink', version: '2.3.1', category: 'marriage_dating', platform: 'web', url: 'https://lovelink.test/', firstParty: ['lovelink.test'] },
    scenario: 'scenarios/demo/lovelink.ts',
    source: 'scenario',
    variants: [v, r],
    engine: 'embedded',
    driver: 'playwright',
    tools: { browser: 'Chromium 156.0', 'playwright-core': '1.65.1', node: process.version },
    persona: PERSONA,
    startedAt,
    ...(complete ? { endedAt: at() } : { incompleteReason: 'the driver crashed in phase delete' }),
    complete,
    outcomes,
  };
  const file: FindingsFile = {
    schemaVersion: 1, runId: run.id, target: { name: 'LoveLink', version: '2.3.1', category: 'marriage_dating', platform: 'web' },
    generatedAt: new Date(clock).toISOString(), privlabVersion: '0.1.0', complete, outcomes, rules, evaluations: evals, findings,
  };
  const lines = (xs: unknown[]): string => xs.map((x) => JSON.stringify(x)).join('\n') + '\n';
  writeFileSync(join(dir, 'run.json'), JSON.stringify(run, null, 2));
  writeFileSync(join(dir, 'timeline.jsonl'), lines(timeline));
  writeFileSync(join(dir, 'flows.jsonl'), lines(flows));
  writeFileSync(join(dir, 'observations.jsonl'), lines(obs));
  writeFileSync(join(dir, 'findings.json'), JSON.stringify(file, null, 2));
  return { dir, failedFindings: findings.slice(0, 4).map((f) => f.id), waivedFinding: findings[4]!.id };
}
