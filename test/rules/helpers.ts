// Builds small synthetic runs (outcomes, timeline, observations) for rule tests.

import type { Catalogs, PiType } from '../../src/core/catalog.ts';
import type { Observation, ObservationLocation, Party, PartyKind } from '../../src/core/observation.ts';
import type { ChoiceKind, PhaseName, PhaseOutcome, PhaseOutcomeStatus, StepName, VariantName } from '../../src/core/phase.ts';
import type { RuleEvaluation, RuleInput } from '../../src/core/rule.ts';
import { appObservations } from '../../src/rules/app-observations.ts';
import type { RunInfo } from '../../src/core/run.ts';
import type { Declarations, TesterStatements } from '../../src/core/target.ts';
import type { TimelineEvent, TimelineEventInput } from '../../src/core/timeline.ts';

type Attributes = Pick<PiType, 'satisfies' | 'biometric' | 'identityProof' | 'credential' | 'signIn'>;
const t = (slug: string, zh: string, sensitive: boolean, group: string, attributes: Attributes = {}): PiType => ({
  slug,
  zh,
  en: slug,
  sensitive,
  group,
  ...attributes,
});

/** A catalog with one category (marriage_dating: phone, gender, age, marital status) and a few types. */
export function testCatalogs(): Catalogs {
  return {
    categories: [
      {
        id: 10,
        slug: 'marriage_dating',
        zh: '婚恋相亲类',
        en: 'Marriage and dating',
        basicFunction: { zh: '婚恋相亲', en: 'Matchmaking and dating' },
        noPiNeeded: false,
        necessaryPi: ['phone_number', 'gender', 'age', 'marital_status'].map((piType) => ({ piType, zh: piType })),
      },
    ],
    piTypes: [
      t('phone_number', '手机号码', false, 'contact'),
      t('gender', '性别', false, 'profile'),
      t('age', '年龄', false, 'profile'),
      t('birth_date', '出生日期', false, 'profile', { satisfies: ['age'] }),
      t('marital_status', '婚姻状况', true, 'profile'),
      t('education', '学历', false, 'profile'),
      t('social_insurance', '社保记录', true, 'employment'),
      t('id_number', '身份证号', true, 'identity', { identityProof: true }),
      t('face_image', '人脸图像', true, 'biometric', { biometric: true, identityProof: true }),
      t('handheld_id_photo', '手持身份证照片', true, 'document', { biometric: true, identityProof: true }),
      t('password', '密码', true, 'credential', { credential: true }),
      t('sms_code', '短信验证码', false, 'credential', { credential: true }),
      t('imei', 'IMEI', false, 'device'),
      t('email', '电子邮箱', false, 'contact', { signIn: true }),
    ],
    clauses: [],
    vendors: [],
    browserHosts: [],
    consentSubjects: [
      { id: 'privacy-policy', zh: '隐私政策', en: 'Privacy policy', necessary: true, service: 'basic', piTypes: [] },
      { id: 'marketing', zh: '营销', en: 'Marketing', necessary: false, service: 'marketing', marketing: true, piTypes: ['phone_number'] },
      { id: 'personalised-ads', zh: '个性化广告', en: 'Personalised ads', necessary: false, service: 'advertising', marketing: true, piTypes: ['imei'] },
      { id: 'face-recognition', zh: '人脸识别', en: 'Face recognition', necessary: false, service: 'identity-verification', piTypes: ['face_image'] },
      { id: 'identity-document', zh: '身份证件', en: 'Identity documents', necessary: false, service: 'identity-verification', piTypes: ['id_number', 'handheld_id_photo'] },
      { id: 'guardian', zh: '监护人同意', en: "Guardian's consent", necessary: false, service: 'minors', underAge: 14, piTypes: [] },
      { id: 'employment-records', zh: '社保', en: 'Employment records', necessary: false, service: 'profile', piTypes: ['social_insurance'] },
      { id: 'comment-cookies', zh: '评论者信息Cookie', en: 'Commenter cookies', necessary: false, service: 'comments', piTypes: ['email'] },
    ],
  };
}

export interface SendOptions {
  /** The value sent; each observation gets a value of its own unless told. */
  value?: string;
  party?: PartyKind;
  host?: string;
  organisation?: string;
  vendor?: string;
  /** vendors.yaml kind of the receiver (ads, analytics...). */
  serviceKind?: string;
  confidence?: number;
  insecure?: boolean;
  direction?: 'request' | 'response';
  /** Where in the flow (default the body, at body.<type>). */
  location?: ObservationLocation;
  path?: string;
}

/** Records what happens inside one phase of one variant, in order. */
export class PhaseScript {
  constructor(
    private readonly b: RunBuilder,
    private readonly phase: StepName | null,
    private readonly variant: VariantName,
  ) {}

  choice(kind: ChoiceKind, subject: string, decision: 'accept' | 'refuse', piTypes?: string[]): this {
    this.b.event({ type: 'choice', phase: this.phase, variant: this.variant, kind, subject, decision, ...(piTypes ? { piTypes } : {}) });
    return this;
  }

  /** One consent act; several subjects mean one act covered them all. */
  consent(subjects: string | string[], decision: 'accept' | 'refuse' | 'withdraw'): this {
    const all = [subjects].flat();
    this.b.event({ type: 'consent', phase: this.phase, variant: this.variant, subject: all[0]!, ...(all.length > 1 ? { subjects: all } : {}), decision });
    return this;
  }

  asked(subject: string): this {
    this.b.event({ type: 'consent-asked', phase: this.phase, variant: this.variant, subject });
    return this;
  }

  defaultState(subject: string, checked: boolean): this {
    this.b.event({ type: 'consent-default', phase: this.phase, variant: this.variant, subject, checked });
    return this;
  }

  mark(label: string): this {
    this.b.event({ type: 'mark', phase: this.phase, variant: this.variant, label });
    return this;
  }

  /** The app sends a value of this PI type (first party app.test unless told otherwise). */
  send(piType: string, o: SendOptions = {}): this {
    this.b.observe(piType, this.phase, this.variant, o);
    return this;
  }
}

export class RunBuilder {
  private seq = 0;
  private clock = Date.parse('2025-06-01T00:00:00Z');
  private readonly timeline: TimelineEvent[] = [];
  private readonly observations: Observation[] = [];
  private readonly outcomes: PhaseOutcome[] = [];
  private declarations: Declarations | undefined;
  private statements: TesterStatements | undefined;
  private birthDate: string | undefined;
  private incompleteReason: string | undefined;
  private readonly ranVariants = new Set<VariantName>();

  constructor(private readonly category = 'marriage_dating') {}

  private tick(): string {
    this.clock += 1000;
    return new Date(this.clock).toISOString();
  }

  event(e: TimelineEventInput): number {
    this.seq += 1;
    this.timeline.push({ ...e, seq: this.seq, time: this.tick() } as TimelineEvent);
    return this.seq;
  }

  observe(piType: string, phase: StepName | null, variant: VariantName, o: SendOptions): void {
    const kind = o.party ?? 'first';
    const host = o.host ?? (kind === 'third' ? 'face.cloud.test' : 'app.test');
    const party: Party = {
      kind,
      host,
      domain: host.split('.').slice(-2).join('.'),
      ...(o.organisation ? { organisation: o.organisation } : {}),
      ...(o.vendor ? { vendor: o.vendor } : {}),
      ...(o.serviceKind ? { serviceKind: o.serviceKind } : {}),
    };
    const n = this.observations.length + 1;
    this.observations.push({
      id: `o${n}`,
      piType,
      value: o.value ?? `value-${n}`,
      location: o.location ?? 'body',
      path: o.path ?? `body.${piType}`,
      chain: ['json'],
      detector: 'test',
      evidence: 'synthetic',
      confidence: o.confidence ?? 0.95,
      flowId: `f${n}`,
      time: this.tick(),
      phase,
      variant,
      direction: o.direction ?? 'request',
      party,
      ...(o.insecure ? { insecure: true } : {}),
    });
  }

  /** A phase that ran: phase-start, what `script` records, phase-end, and its outcome. */
  phase(
    variant: VariantName,
    phase: PhaseName,
    status: Exclude<PhaseOutcomeStatus, 'not-run'> = 'completed',
    script?: (p: PhaseScript) => void,
    blockedAt?: string,
  ): this {
    this.event({ type: 'phase-start', phase, variant });
    script?.(new PhaseScript(this, phase, variant));
    const at = status === 'blocked' ? (blockedAt ?? 'step') : undefined;
    this.event({ type: 'phase-end', phase, variant, status, ...(at ? { blockedAt: at } : {}) });
    this.outcomes.push({ phase, variant, status, ...(at ? { blockedAt: at } : {}) });
    return this;
  }

  notRun(variant: VariantName, phase: PhaseName, message = 'not scripted'): this {
    this.outcomes.push({ phase, variant, status: 'not-run', message });
    return this;
  }

  /** The harness's deletion check after delete: its own step, with its result mark. */
  deleteCheck(variant: VariantName, result: 'gone' | 'still-present', script?: (p: PhaseScript) => void): this {
    this.event({ type: 'phase-start', phase: 'delete-check', variant });
    script?.(new PhaseScript(this, 'delete-check', variant));
    this.event({ type: 'mark', phase: 'delete-check', variant, label: `deletion-check: ${result}` });
    this.event({ type: 'phase-end', phase: 'delete-check', variant, status: 'completed' });
    return this;
  }

  /** The scenario's withdraw step (variant withdraw-optional, after register). */
  withdraw(status: 'completed' | 'blocked', script?: (p: PhaseScript) => void): this {
    const variant = 'withdraw-optional';
    this.event({ type: 'phase-start', phase: 'withdraw', variant });
    script?.(new PhaseScript(this, 'withdraw', variant));
    this.event({ type: 'phase-end', phase: 'withdraw', variant, status, ...(status === 'blocked' ? { blockedAt: 'withdraw control' } : {}) });
    return this;
  }

  /** Traffic of a variant outside any phase (before the first phase starts). */
  outside(variant: VariantName, script: (p: PhaseScript) => void): this {
    script(new PhaseScript(this, null, variant));
    return this;
  }

  declare(d: Declarations): this {
    this.declarations = d;
    return this;
  }

  /** The persona's birth date (the run starts 2025-06-01). */
  born(birthDate: string): this {
    this.birthDate = birthDate;
    return this;
  }

  /** What the tester states in the scenario's target (e.g. no cancellation found). */
  state(s: TesterStatements): this {
    this.statements = s;
    return this;
  }

  /** A phase the scenario does not script. */
  notTested(variant: VariantName, phase: PhaseName, message = 'not scripted'): this {
    this.outcomes.push({ phase, variant, status: 'not-tested', message });
    return this;
  }

  /** A phase that started but never ended: the run was killed inside it (no phase-end, no outcome). */
  started(variant: VariantName, phase: PhaseName, script?: (p: PhaseScript) => void): this {
    this.event({ type: 'phase-start', phase, variant });
    script?.(new PhaseScript(this, phase, variant));
    this.ranVariants.add(variant);
    return this;
  }

  /** The run stopped before its end (SIGKILL, crash): run.json keeps complete false. */
  incomplete(reason = 'killed'): this {
    this.incompleteReason = reason;
    return this;
  }

  /** The same run as build(), with every observation as analysis wrote it: the input evaluateRules takes. */
  raw(catalogs: Catalogs = testCatalogs()): Omit<RuleInput, 'observations'> & { observations: Observation[] } {
    return { ...this.build(catalogs), observations: this.observations };
  }

  build(catalogs: Catalogs = testCatalogs()): RuleInput {
    const variants = [...new Set([...this.outcomes.map((o) => o.variant), ...this.ranVariants])];
    const run: RunInfo = {
      id: '20250601T000000Z_test',
      privlabVersion: '0.0.0',
      target: {
        name: 'TestApp',
        category: this.category,
        platform: 'web',
        firstParty: ['app.test'],
        ...(this.declarations ? { declarations: this.declarations } : {}),
        ...(this.statements ? { testerStatements: this.statements } : {}),
      },
      source: 'scenario',
      variants,
      engine: 'embedded',
      tools: {},
      startedAt: '2025-06-01T00:00:00Z',
      ...(this.birthDate ? { persona: { name: '测试', phone: '13800000000', idNumber: '110101201201010000', birthDate: this.birthDate } } : {}),
      complete: this.incompleteReason === undefined,
      ...(this.incompleteReason ? { incompleteReason: this.incompleteReason } : {}),
      outcomes: this.outcomes,
    };
    return { run, timeline: this.timeline, observations: appObservations(run, this.observations), catalogs };
  }
}

/** Evaluations of phases that are evidence: the builder's runs leave unscripted phases not tested. */
export function judged(evaluations: readonly RuleEvaluation[]): RuleEvaluation[] {
  return evaluations.filter((e) => e.status !== 'not-applicable');
}
