// Words of the lab report in Chinese (default) and English.

import type { Severity } from '../../core/finding.ts';
import type { PhaseOutcomeStatus, StepName, VariantName } from '../../core/phase.ts';
import type { Clause } from '../../core/catalog.ts';
import type { Verdict } from '../verdict.ts';

export type Lang = 'zh' | 'en';

interface Strings {
  title: string;
  incomplete: string;
  app: string;
  version: string;
  category: string;
  platform: string;
  testDate: string;
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
  severity: string;
  piTypes: string;
  receiver: string;
  clauses: string;
  reasoning: string;
  waiver: string;
  missingDeclaration: string;
  screenshots: string;
  screenshotsOmitted: string;
  requests: string;
  chain: string;
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
    testDate: '检测日期',
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
    severity: '严重程度',
    piTypes: '涉及个人信息',
    receiver: '接收方',
    clauses: '依据条款',
    reasoning: '判定理由',
    waiver: '豁免理由',
    missingDeclaration: '该问题基于应用未作任何声明。',
    screenshots: '界面截图',
    screenshotsOmitted: '脱敏报告不含截图（截图可能显示输入的个人信息）。',
    requests: '请求摘录（⟦ ⟧ 标出相关值）',
    chain: '解码链',
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
    verdict: { nonconforming: '不符合', waived: '已豁免', conforms: '符合', 'not-applicable': '不适用' },
    severityName: { critical: '严重', high: '高', medium: '中', low: '低', info: '提示' },
    phaseName: { register: '注册', login: '登录', verify: '身份验证', delete: '注销', 'delete-check': '注销效果检查', run: '全程' },
    variantName: { 'accept-all': '全部同意', 'refuse-optional': '拒绝非必要信息', 'refuse-biometric': '拒绝生物识别', 'refuse-policy': '拒绝隐私政策' },
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
    testDate: 'Date of test',
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
    severity: 'Severity',
    piTypes: 'Personal information',
    receiver: 'Receiver',
    clauses: 'Clauses',
    reasoning: 'Reasoning',
    waiver: 'Waiver',
    missingDeclaration: 'This finding rests on the app declaring nothing about the matter.',
    screenshots: 'Screenshots',
    screenshotsOmitted: 'Screenshots are left out of a redacted report: they can show typed personal information.',
    requests: 'Request excerpts (values marked ⟦ ⟧)',
    chain: 'Decoding chain',
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
    verdict: { nonconforming: 'Nonconforming', waived: 'Waived', conforms: 'Conforms', 'not-applicable': 'Not applicable' },
    severityName: { critical: 'Critical', high: 'High', medium: 'Medium', low: 'Low', info: 'Info' },
    phaseName: { register: 'Register', login: 'Login', verify: 'Verify', delete: 'Delete account', 'delete-check': 'Deletion check (harness)', run: 'Whole run' },
    variantName: { 'accept-all': 'Accept all', 'refuse-optional': 'Refuse optional', 'refuse-biometric': 'Refuse biometrics', 'refuse-policy': 'Refuse privacy policy' },
    outcome: { completed: 'completed', blocked: 'blocked', error: 'error (harness or scenario failure, no verdict on the app)', 'not-run': 'not run', 'not-tested': 'not tested' },
    clauseStatusName: { 'in-force': 'in force', draft: 'DRAFT (not in force)', practice: 'standard / practice' },
  },
};
