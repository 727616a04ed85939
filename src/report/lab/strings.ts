// Words of the lab report in Chinese (default) and English.

import type { Severity } from '../../core/finding.ts';
import type { PhaseOutcomeStatus, StepName, VariantName } from '../../core/phase.ts';
import type { Clause } from '../../core/catalog.ts';
import type { PartyKind } from '../../core/observation.ts';
import type { RunInfo } from '../../core/run.ts';
import type { BaselineClass } from '../pi-by-phase.ts';
import type { Verdict } from '../verdict.ts';

export type Lang = 'zh' | 'en';

export const SIGNATURE_ROLES = ['tester', 'reviewer', 'approver'] as const;
export type SignatureRole = (typeof SIGNATURE_ROLES)[number];

/** The facts of a finding, already in the report's language; literals (hosts, names) already marked up. */
export interface FactsInput {
  phase: string;
  variants: string[];
  notHeldIn: string[];
  piTypes: string[];
  receiver?: string;
  /** Where the phase stopped, per variant it was blocked in: "variant name: step". */
  blocked: string[];
}

interface Strings {
  title: string;
  incomplete: string;
  app: string;
  version: string;
  category: string;
  platform: string;
  reportDate: string;
  lab: string;
  runId: string;
  manifest: string;
  notSealed: string;
  tool: string;
  summary: string;
  basis: string;
  basisIntro: string;
  clauseId: string;
  instrument: string;
  article: string;
  clauseTitle: string;
  clauseStatus: string;
  items: string;
  rule: string;
  phase: string;
  variants: string;
  result: string;
  findings: string;
  nonconformities: string;
  waivedSection: string;
  none: string;
  clauses: string;
  reasoning: string;
  waiver: string;
  missingDeclaration: string;
  screenshotsOmitted: string;
  method: string;
  methodIntro: string;
  variant: string;
  scenario: string;
  source: string;
  driver: string;
  engine: string;
  tools: string;
  redactedNote: string;
  secretsNote: string;
  reportNo: string;
  client: string;
  testPeriod: string;
  signatures: string;
  role: Record<SignatureRole, string>;
  sigName: string;
  sigSign: string;
  sigDate: string;
  signer: string;
  sealNote: string;
  evidenceChanged: string;
  inputGaps: (skipped: number, cut: number) => string;
  piSummary: string;
  piSummaryIntro: string;
  noBaseline: string;
  piType: string;
  baselineClass: string;
  baselineName: Record<BaselineClass, string>;
  receivers: string;
  receiverHost: string;
  received: string;
  /** A receiver in whose requests no PI was found: it still got the IP address and the user agent. */
  onlyIpAndAgent: string;
  /** The section on what servers returned (observations in responses). */
  responses: string;
  responsesIntro: string;
  responseServer: string;
  answeredRequest: string;
  flowId: string;
  /** Receivers named from a list the lab installed (the TrackerDB): its source and licence follow. */
  namedBy: string;
  partyKindName: Record<PartyKind, string>;
  decisive: string;
  where: string;
  value: string;
  moreValues: (n: number) => string;
  evidenceRef: string;
  evidenceRefText: (refs: { flows: string; bodies: string; screens: string }) => string;
  faceImages: string;
  screenAtRequest: string;
  facts: (f: FactsInput) => string;
  criterion: string;
  recordedReason: string;
  limits: string;
  limitsItems: string[];
  sourceName: Record<RunInfo['source'], string>;
  footer: (reportNo: string) => string;
  verdict: Record<Verdict, string>;
  severityName: Record<Severity, string>;
  phaseName: Record<StepName | 'run', string>;
  variantName: Record<VariantName, string>;
  outcome: Record<PhaseOutcomeStatus, string>;
  clauseStatusName: Record<Clause['status'], string>;
}

export const STRINGS: Record<Lang, Strings> = {
  zh: {
    title: 'App 个人信息收集使用检测报告',
    incomplete: '本次检测未正常结束（运行不完整）：未发现的问题不能视为不存在。',
    app: '被测应用',
    version: '版本',
    category: 'App 类型',
    platform: '平台',
    reportDate: '报告日期',
    lab: '检测机构',
    runId: '运行编号',
    manifest: '证据清单 SHA-256',
    notSealed: '未签名封存',
    tool: '检测工具',
    summary: '检测结论汇总',
    basis: '检测依据',
    basisIntro: '本次检测适用下列条款。标注为草案的条款尚未生效，仅供参考。',
    clauseId: '编号',
    instrument: '文件',
    article: '条款',
    clauseTitle: '要点',
    clauseStatus: '效力',
    items: '检测项目',
    rule: '检测项',
    phase: '环节',
    variants: '场景',
    result: '结论',
    findings: '问题数',
    nonconformities: '不符合项详情',
    waivedSection: '已豁免项',
    none: '无',
    clauses: '依据条款',
    reasoning: '判定理由',
    waiver: '豁免理由',
    missingDeclaration: '该问题基于应用未作任何声明。',
    screenshotsOmitted: '脱敏报告不含截图（截图可能显示输入的个人信息）。',
    method: '检测方法',
    methodIntro: '以合成身份（测试人员）按脚本驱动应用完成注册、登录、验证与注销，所有网络流量经拦截代理记录，按下列场景分别运行。',
    variant: '场景',
    scenario: '脚本',
    source: '数据来源',
    driver: '驱动',
    engine: '抓包引擎',
    tools: '设备与工具版本',
    redactedNote: '本报告已脱敏：个人信息值以带密钥的哈希代替（‹PI:类型:哈希›）。',
    secretsNote: '密码与短信验证码在任何报告中均不显示。',
    reportNo: '报告编号',
    client: '委托单位',
    testPeriod: '检测时间',
    signatures: '签字',
    role: { tester: '检测人', reviewer: '审核人', approver: '批准人' },
    sigName: '姓名',
    sigSign: '签名',
    sigDate: '日期',
    signer: '签名密钥指纹',
    evidenceChanged: '注意：本报告出具时，已采集的证据与此前签名的证据清单不一致，检测人员仍决定出具，理由与差异如下。',
    inputGaps: (s, c) => `采集或导入时有 ${s} 项输入未保留、${c} 项只保留了部分（详见 run.json）。`,
    sealNote: '证据清单列出本次检测全部证据文件的 SHA-256，并以本机构的 Ed25519 密钥签名；可用 privlab verify 校验。',
    piSummary: '各环节收集的个人信息与类别必要范围对照',
    piSummaryIntro: '下表列出应用在各环节发送的个人信息类型（任一场景中出现即标出），并按该类 App 的必要个人信息范围分类。',
    noBaseline: '该 App 类型不在类别目录中，无必要范围可对照：所有类型均列为超出必要范围。',
    piType: '个人信息类型',
    baselineClass: '对照结果',
    baselineName: { necessary: '必要', beyond: '超出必要范围', biometric: '生物识别信息' },
    receivers: '个人信息接收方',
    receiverHost: '接收主机',
    received: '收到的个人信息',
    onlyIpAndAgent: '未发现个人信息（仅IP地址和用户代理）',
    responses: '服务器返回的个人信息',
    responsesIntro: '服务器在响应中返回的个人信息表明服务器保存了哪些信息（例如登录响应中返回的手机号码或上次登录地址）。每个响应一行：返回的信息类型、服务器、所在环节及其所响应的请求。',
    responseServer: '服务器',
    answeredRequest: '所响应的请求',
    flowId: '请求记录编号',
    namedBy: '部分接收方的机构名称取自实验室自行安装的外部名录：',
    partyKindName: { first: '第一方', third: '第三方', harness: '测试工具', unknown: '未知' },
    decisive: '决定性证据',
    where: '位置',
    value: '值',
    moreValues: (n) => `另有 ${n} 项，见完整证据。`,
    evidenceRef: '完整证据',
    evidenceRefText: (r) => `请求记录 ${r.flows}（flows.jsonl）；请求体 ${r.bodies}；截图 ${r.screens}。完整请求摘录与解码链见 Allure 报告中的同名用例。`,
    faceImages: '上传的图像',
    screenAtRequest: '请求发出时的界面',
    facts: (f) =>
      `本项在「${f.phase}」环节${f.variants.length ? `的${f.variants.map((v) => `「${v}」`).join('')}场景中` : ''}成立` +
      `${f.notHeldIn.length ? `，在${f.notHeldIn.map((v) => `「${v}」`).join('')}场景中未出现` : ''}` +
      `${f.piTypes.length ? `；涉及${f.piTypes.join('、')}` : ''}${f.receiver ? `；接收方为${f.receiver}` : ''}` +
      `${f.blocked.length ? `；该环节受阻于${f.blocked.join('、')}` : ''}。`,
    criterion: '判定依据',
    recordedReason: '记录的原因（原文）',
    limits: '检测局限性说明',
    limitsItems: [
      '本检测只观察应用在测试设备上发出和收到的网络流量及界面，无法看到服务器端如何存储、使用、共享或删除个人信息；“已删除”仅指以原凭据无法再登录或资料不再返回。',
      '只检测脚本驱动到的界面路径和本报告所列场景；未驱动的功能、原生代码路径、后台任务和推送不在范围内。',
      '未经拦截代理的流量（证书固定、非 HTTP 协议、系统级通道）以及加密后再发送的内容可能无法识别。',
      '个人信息识别依据测试身份的已知值与识别规则，未识别出的信息不能视为未收集；生物识别以图像中的人脸检测为准。',
      '结论只针对所测版本与检测日期，不推及其他版本。',
    ],
    sourceName: { scenario: '脚本驱动', live: '现场抓包', 'har-import': 'HAR 导入' },
    footer: (no) => `报告编号 ${no} · 第 <span class="pageNumber"></span> / <span class="totalPages"></span> 页`,
    verdict: { nonconforming: '不符合', waived: '已豁免', conforms: '符合', 'not-tested': '未测试', 'not-applicable': '不适用' },
    severityName: { critical: '严重', high: '高', medium: '中', low: '低', info: '提示' },
    phaseName: { register: '注册', login: '登录', verify: '身份验证', delete: '注销', 'delete-check': '注销效果检查', withdraw: '撤回同意', run: '全程' },
    variantName: { 'accept-all': '全部同意', 'refuse-optional': '拒绝非必要信息', 'refuse-biometric': '拒绝生物识别', 'refuse-policy': '拒绝隐私政策', 'withdraw-optional': '撤回非必要同意' },
    outcome: { completed: '完成', blocked: '受阻', error: '出错（测试工具或脚本故障，不作为App结论）', 'not-run': '未运行', 'not-tested': '未测试' },
    clauseStatusName: { 'in-force': '现行有效', draft: '草案（未生效）', practice: '标准/实践' },
  },
  en: {
    title: 'Test Report on the Collection and Use of Personal Information by an App',
    incomplete: 'This run did not end normally (incomplete): the absence of a finding proves less.',
    app: 'App under test',
    version: 'Version',
    category: 'Category',
    platform: 'Platform',
    reportDate: 'Date of report',
    lab: 'Laboratory',
    runId: 'Run id',
    manifest: 'Evidence manifest SHA-256',
    notSealed: 'not sealed',
    tool: 'Test tool',
    summary: 'Summary',
    basis: 'Basis',
    basisIntro: 'The clauses below were applied. Clauses marked as drafts are not in force and are given for reference.',
    clauseId: 'Id',
    instrument: 'Instrument',
    article: 'Article',
    clauseTitle: 'Point',
    clauseStatus: 'Status',
    items: 'Test items',
    rule: 'Test item',
    phase: 'Phase',
    variants: 'Variants',
    result: 'Result',
    findings: 'Findings',
    nonconformities: 'Nonconformities',
    waivedSection: 'Waived items',
    none: 'None',
    clauses: 'Clauses',
    reasoning: 'Reasoning',
    waiver: 'Waiver',
    missingDeclaration: 'This finding rests on the app declaring nothing about the matter.',
    screenshotsOmitted: 'Screenshots are left out of a redacted report: they can show typed personal information.',
    method: 'Method',
    methodIntro: 'A synthetic persona drove the app by script through register, login, verify and delete; all traffic went through an intercepting proxy and was recorded. Each variant below is one run of the scenario.',
    variant: 'Variant',
    scenario: 'Scenario',
    source: 'Source',
    driver: 'Driver',
    engine: 'Capture engine',
    tools: 'Device and tool versions',
    redactedNote: 'This report is redacted: personal information values are replaced by keyed hashes (‹PI:type:hash›).',
    secretsNote: 'Passwords and SMS codes are never shown in any report.',
    reportNo: 'Report no.',
    client: 'Client',
    testPeriod: 'Test period',
    signatures: 'Signatures',
    role: { tester: 'Tested by', reviewer: 'Reviewed by', approver: 'Approved by' },
    sigName: 'Name',
    sigSign: 'Signature',
    sigDate: 'Date',
    signer: 'Signing key fingerprint',
    evidenceChanged: 'Note: when this report was made, the captured evidence no longer matched the manifest signed before; the tester chose to report it anyway, for the reason and with the differences below.',
    inputGaps: (s, c) => `While capturing or importing, ${s} inputs were not kept and ${c} were kept only in part (see run.json).`,
    sealNote: "The evidence manifest lists the SHA-256 of every evidence file of this test and is signed with the laboratory's Ed25519 key; check it with privlab verify.",
    piSummary: 'Personal information collected per phase against the category baseline',
    piSummaryIntro: "The PI types the app sent in each phase (marked when seen under any variant), classed against the necessary PI of the app's category.",
    noBaseline: 'The app category is not in the catalog, so there is no baseline: every type is listed as beyond it.',
    piType: 'PI type',
    baselineClass: 'Against the baseline',
    baselineName: { necessary: 'necessary', beyond: 'beyond the necessary scope', biometric: 'biometric' },
    receivers: 'Receivers of personal information',
    receiverHost: 'Host',
    received: 'PI received',
    onlyIpAndAgent: 'none found (IP address and user agent only)',
    responses: 'Personal information returned by servers',
    responsesIntro: 'What a server returns in its responses shows what it stored (a login response that returns the mobile number or the last sign-in address). One row per response: the PI types returned, the server, the phase and the request it answered.',
    responseServer: 'Server',
    answeredRequest: 'Request answered',
    flowId: 'Flow record',
    namedBy: 'Some receivers are named from a list the lab installed itself: ',
    partyKindName: { first: 'first party', third: 'third party', harness: 'test harness', unknown: 'unknown' },
    decisive: 'Decisive evidence',
    where: 'Where',
    value: 'Value',
    moreValues: (n) => `${n} more, see the full evidence.`,
    evidenceRef: 'Full evidence',
    evidenceRefText: (r) => `request records ${r.flows} (flows.jsonl); bodies ${r.bodies}; screenshots ${r.screens}. The whole request excerpt and the decoding chain are in the Allure report, test case of the same name.`,
    faceImages: 'Images uploaded',
    screenAtRequest: 'Screen when the request was sent',
    facts: (f) =>
      `Held in phase ${f.phase}${f.variants.length ? ` under ${f.variants.join(', ')}` : ''}` +
      `${f.notHeldIn.length ? `; not seen under ${f.notHeldIn.join(', ')}` : ''}` +
      `${f.piTypes.length ? `; concerns ${f.piTypes.join(', ')}` : ''}${f.receiver ? `; received by ${f.receiver}` : ''}` +
      `${f.blocked.length ? `; the phase stopped at ${f.blocked.join(', ')}` : ''}.`,
    criterion: 'Criterion',
    recordedReason: 'Recorded reason',
    limits: 'Statement of limits',
    limitsItems: [
      'The method sees only the traffic and screens of the app on the test device. It cannot see how servers store, use, share or delete personal information; "deleted" means only that the old credentials no longer log in or the profile is no longer served.',
      'Only the screens and paths the scenario drove, under the variants listed, were tested; functions not driven, native code paths, background tasks and push messages are out of scope.',
      'Traffic that does not pass the intercepting proxy (certificate pinning, non-HTTP protocols, system channels) and content encrypted before sending may not be recognised.',
      "Personal information is recognised from the test persona's known values and detection rules; what was not recognised is not proven absent. Biometrics are judged by face detection in images.",
      'The conclusions hold for the version tested on the dates of the test only.',
    ],
    sourceName: { scenario: 'scripted run', live: 'live capture', 'har-import': 'HAR import' },
    footer: (no) => `Report no. ${no} · page <span class="pageNumber"></span> / <span class="totalPages"></span>`,
    verdict: { nonconforming: 'Nonconforming', waived: 'Waived', conforms: 'Conforms', 'not-tested': 'Not tested', 'not-applicable': 'Not applicable' },
    severityName: { critical: 'Critical', high: 'High', medium: 'Medium', low: 'Low', info: 'Info' },
    phaseName: { register: 'Register', login: 'Login', verify: 'Verify', delete: 'Delete account', 'delete-check': 'Deletion check (harness)', withdraw: 'Withdraw consent', run: 'Whole run' },
    variantName: { 'accept-all': 'Accept all', 'refuse-optional': 'Refuse optional', 'refuse-biometric': 'Refuse biometrics', 'refuse-policy': 'Refuse privacy policy', 'withdraw-optional': 'Withdraw optional consents' },
    outcome: { completed: 'completed', blocked: 'blocked', error: 'error (harness or scenario failure, no verdict on the app)', 'not-run': 'not run', 'not-tested': 'not tested' },
    clauseStatusName: { 'in-force': 'in force', draft: 'DRAFT (not in force)', practice: 'standard / practice' },
  },
};
