// Allure results from a run directory. epic = app, feature = phase, story = rule. A violated
// evaluation gives one failed test case per finding (so each finding has its own evidence and
// history); a held one a passed case, a not-applicable one a skipped case. A waived finding is
// 'skipped' with a "waived: <justification>" message and a 'waived' tag: it is neither a pass
// (the rule did see the practice) nor a failure (a reviewer accepted it).

import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Status, type Attachment, type Label, type Link, type Parameter } from 'allure-js-commons';
import { FileSystemWriter, ReporterRuntime } from 'allure-js-commons/sdk/reporter';
import type { Catalogs } from '../../core/catalog.ts';
import type { Finding, Severity } from '../../core/finding.ts';
import type { PhaseName, PhaseOutcome, VariantName } from '../../core/phase.ts';
import type { RuleEvaluation, RuleMeta } from '../../core/rule.ts';
import { runPersonas } from '../../core/run.ts';
import { RUN_FILES } from '../../evidence/run-layout.ts';
import { decodingChain, findingExcerpts, findingObservations } from '../evidence-text.ts';
import { redactedPhaseHar } from '../har-redacted.ts';
import { clauseSourceUrl } from '../clause-source.ts';
import { escapeHtml } from '../html.ts';
import { createRedactor, type RedactOptions, type Redactor } from '../redact.ts';
import { actionsOf, findingScreenshots, loadReportData, screenshotFile, type ReportData } from '../report-data.ts';
import { evaluationVerdict, type Verdict } from '../verdict.ts';
import { allureCategories, violationMessage, WAIVED_PREFIX } from './categories.ts';
import { allureEnvironment } from './environment.ts';
import { writeExecutor } from './executor.ts';
import { RedactingWriter } from './redacting-writer.ts';
import { traceLinks } from './trace-links.ts';

export interface AllureResultsOptions {
  redact?: RedactOptions;
  /** Default: <runDir>/allure-results */
  outDir?: string;
  /** Default: the repository's config/ catalogs. */
  catalogs?: Catalogs;
}

const ALLURE_SEVERITY: Record<Severity, string> = {
  critical: 'blocker',
  high: 'critical',
  medium: 'normal',
  low: 'minor',
  info: 'trivial',
};

const STATUS_OF: Record<Verdict, Status> = {
  nonconforming: Status.FAILED,
  waived: Status.SKIPPED,
  conforms: Status.PASSED,
  'not-tested': Status.SKIPPED,
  'not-applicable': Status.SKIPPED,
};

/** One Allure test case: an evaluation, or one finding of a violated evaluation. */
interface TestCase {
  ev: RuleEvaluation;
  rule: RuleMeta;
  finding?: Finding;
  verdict: Verdict;
}

export async function writeAllureResults(runDir: string, opts: AllureResultsOptions = {}): Promise<string> {
  const data = await loadReportData(runDir, opts.catalogs);
  const redactor = createRedactor(runPersonas(data.run), data.observations.values(), opts.redact, data.catalogs);
  const outDir = resolve(opts.outDir ?? join(runDir, RUN_FILES.allureResults));
  clearResults(outDir);
  const writer = new RedactingWriter(new FileSystemWriter({ resultsDir: outDir }), redactor);
  const runtime = new ReporterRuntime({ writer, environmentInfo: allureEnvironment(data), categories: allureCategories() });
  const store = new AttachmentStore(writer);
  const ctx: CaseContext = { data, runtime, store, redactor, hars: new Map() };
  for (const tc of testCases(data)) await writeCase(ctx, tc);
  for (const o of data.run.outcomes.filter((x) => x.status === 'error')) writeHarnessErrorCase(ctx, o);
  runtime.writeEnvironmentInfo();
  runtime.writeCategoriesDefinitions();
  writeExecutor(outDir, data.run);
  return outDir;
}

function testCases(data: ReportData): TestCase[] {
  const out: TestCase[] = [];
  // A finding held in several variants is one fact: one failed case, at the first variant where it held.
  const written = new Set<string>();
  for (const ev of data.findings.evaluations) {
    const rule = data.ruleById.get(ev.ruleId);
    if (!rule) continue;
    const findings = ev.findingIds.map((id) => data.findingById.get(id)).filter((f): f is Finding => f !== undefined);
    if (ev.status === 'violated' && findings.length) {
      for (const finding of findings.filter((f) => !written.has(f.id))) {
        written.add(finding.id);
        out.push({ ev, rule, finding, verdict: finding.waived ? 'waived' : 'nonconforming' });
      }
    } else {
      out.push({ ev, rule, verdict: evaluationVerdict(ev, data.findingById) });
    }
  }
  return out;
}

interface CaseContext {
  data: ReportData;
  runtime: ReporterRuntime;
  store: AttachmentStore;
  redactor: Redactor;
  /** Attachment of each phase's HAR, made once per phase and variant. */
  hars: Map<string, Attachment>;
}

async function writeCase(ctx: CaseContext, tc: TestCase): Promise<void> {
  const { data, runtime } = ctx;
  const { ev, rule, finding } = tc;
  const where = [ev.phase ?? 'whole run', ev.variant].filter(Boolean).join(' / ');
  const title = finding?.title ?? rule.title;
  const window = phaseWindow(data, ev.phase, ev.variant);
  const caseKey = finding ? finding.id : `${ev.ruleId}|${ev.phase ?? '-'}|${ev.variant ?? '-'}`;
  // Several findings of one rule share a phase: the subject (receiver or PI types) tells them apart.
  const subject = finding ? (finding.party?.host ?? finding.piTypes.join(', ')) : '';

  const uuid = runtime.startTest({
    name: `${title.zh} · ${title.en}${subject ? ` — ${subject}` : ''} [${where}]`,
    fullName: `${data.run.target.name}/${caseKey}`,
    // Stable across runs of the same target, so a second run shows the trend.
    historyId: `${data.run.target.name}|${caseKey}`,
    testCaseId: `${ev.ruleId}|${ev.phase ?? '-'}`,
    labels: labelsFor(ctx, tc),
    links: [...linksFor(ctx, finding?.clauses ?? rule.clauses), ...traceLinks(data.runDir, finding?.variants.length ? finding.variants : ev.variant ? [ev.variant] : data.run.variants)],
    parameters: parametersFor(tc),
    descriptionHtml: descriptionFor(ctx, tc),
    start: window.start,
  });

  writeActionSteps(ctx, uuid, ev.phase, ev.variant);

  const attachments: Attachment[] = [];
  if (finding) {
    if (!ctx.redactor.omitsScreenshots) {
      for (const rel of findingScreenshots(data, finding)) {
        const file = screenshotFile(data, rel);
        if (file) attachments.push(ctx.store.fromPath(`Screen at the time of the request`, 'image/png', file));
      }
    }
    for (const ex of await findingExcerpts(data, finding)) {
      attachments.push(ctx.store.text(`${ex.title} (values marked ⟦ ⟧)`, ex.text));
    }
    const chain = decodingChain(findingObservations(data, finding));
    if (chain) attachments.push(ctx.store.text('Decoding chain', chain));
  }
  if (ev.phase) attachments.push(await phaseHar(ctx, ev.phase, ev.variant));

  runtime.updateTest(uuid, (r) => {
    r.attachments.push(...attachments);
    r.status = STATUS_OF[tc.verdict];
    r.statusDetails = statusDetails(tc);
  });
  runtime.stopTest(uuid, { stop: window.stop });
  runtime.writeTest(uuid);
}

/**
 * A phase that ended in a harness or scenario error is Allure's "broken": the test itself failed, with the
 * real message and stack, and no rule judged the app there.
 */
function writeHarnessErrorCase(ctx: CaseContext, o: PhaseOutcome): void {
  const { data, runtime } = ctx;
  const app = data.run.target.name;
  const window = phaseWindow(data, o.phase, o.variant);
  const uuid = runtime.startTest({
    name: `测试执行出错 · Harness or scenario error [${o.phase} / ${o.variant}]`,
    fullName: `${app}/harness-error:${o.phase}:${o.variant}`,
    historyId: `${app}|harness-error|${o.phase}|${o.variant}`,
    labels: [
      { name: 'epic', value: app },
      { name: 'feature', value: o.phase },
      { name: 'story', value: '测试执行出错 · Harness or scenario error' },
      { name: 'parentSuite', value: app },
      { name: 'suite', value: o.phase },
      { name: 'subSuite', value: o.variant },
      { name: 'tag', value: 'harness-error' },
    ],
    parameters: [
      { name: 'phase', value: o.phase },
      { name: 'variant', value: o.variant },
    ],
    links: traceLinks(data.runDir, [o.variant]),
    descriptionHtml: '<p>The harness, the scenario or the browser failed in this phase. It says nothing about the app: every rule that reads this phase is not applicable. Fix the scenario or the set-up and run again.</p>',
    start: window.start,
  });
  writeActionSteps(ctx, uuid, o.phase, o.variant);
  runtime.updateTest(uuid, (r) => {
    r.status = Status.BROKEN;
    r.statusDetails = { message: o.message ?? 'error', ...(o.stack ? { trace: o.stack } : {}) };
  });
  runtime.stopTest(uuid, { stop: window.stop });
  runtime.writeTest(uuid);
}

function statusDetails(tc: TestCase): { message?: string; trace?: string } {
  const { ev, rule, finding } = tc;
  const reasoning = finding?.reasoning ?? ev.reason ?? 'the rule found a violation';
  switch (tc.verdict) {
    case 'nonconforming':
      return { message: violationMessage(rule.kind, rule.title), trace: reasoning };
    case 'waived': {
      const w = finding?.waived;
      const by = w?.by ? ` (${w.by}${w.date ? `, ${w.date}` : ''})` : '';
      return { message: `${WAIVED_PREFIX} ${violationMessage(rule.kind, rule.title)}`, trace: `${w?.justification ?? ''}${by}\n${reasoning}` };
    }
    case 'conforms':
      return ev.reason ? { message: ev.reason } : {};
    case 'not-tested':
      return { message: `not tested${ev.reason ? `: ${ev.reason}` : ''}` };
    case 'not-applicable':
      return { message: `not applicable${ev.reason ? `: ${ev.reason}` : ''}` };
  }
}

function labelsFor(ctx: CaseContext, tc: TestCase): Label[] {
  const { data } = ctx;
  const { ev, rule, finding } = tc;
  const app = data.run.target.name;
  const clauses = finding?.clauses ?? rule.clauses;
  const tags = [...clauses, rule.kind];
  if (tc.verdict === 'waived') tags.push('waived');
  if (finding?.restsOnMissingDeclaration) tags.push('rests-on-missing-declaration');
  if (!data.run.complete) tags.push('incomplete-run');
  return [
    { name: 'epic', value: app },
    { name: 'feature', value: ev.phase ?? 'whole run' },
    { name: 'story', value: `${rule.title.zh} · ${rule.title.en}` },
    { name: 'severity', value: ALLURE_SEVERITY[finding?.severity ?? rule.severity] },
    { name: 'parentSuite', value: app },
    { name: 'suite', value: ev.phase ?? 'whole run' },
    ...(ev.variant ? [{ name: 'subSuite', value: ev.variant }] : []),
    { name: 'framework', value: 'privlab' },
    ...tags.map((value) => ({ name: 'tag', value })),
  ];
}

function linksFor(ctx: CaseContext, clauseIds: string[]): Link[] {
  const links: Link[] = [];
  for (const id of clauseIds) {
    const c = ctx.data.clauses.get(id);
    const url = c && clauseSourceUrl(c);
    if (c && url) links.push({ name: `${id}: ${c.instrument.zh} ${c.article}${c.status === 'draft' ? ' (草案 draft)' : ''}`, url, type: 'link' });
  }
  return links;
}

function parametersFor(tc: TestCase): Parameter[] {
  const p: Parameter[] = [];
  if (tc.ev.phase) p.push({ name: 'phase', value: tc.ev.phase });
  if (tc.finding?.variants.length) p.push({ name: 'variant', value: tc.finding.variants.join(', ') });
  else if (tc.ev.variant) p.push({ name: 'variant', value: tc.ev.variant });
  if (tc.finding?.notHeldIn.length) p.push({ name: 'not under', value: tc.finding.notHeldIn.join(', ') });
  if (tc.finding?.piTypes.length) p.push({ name: 'PI types', value: tc.finding.piTypes.join(', ') });
  if (tc.finding?.party) p.push({ name: 'receiver', value: `${tc.finding.party.host} (${tc.finding.party.kind} party)` });
  return p;
}

function descriptionFor(ctx: CaseContext, tc: TestCase): string {
  const { data, redactor } = ctx;
  const { rule, finding } = tc;
  const parts: string[] = [];
  if (!data.run.complete) {
    parts.push(`<p><b>⚠ Incomplete run${data.run.incompleteReason ? `: ${escapeHtml(data.run.incompleteReason)}` : ''}.</b> The absence of a finding proves less.</p>`);
  }
  parts.push(`<p>${escapeHtml(rule.description.zh)}<br>${escapeHtml(rule.description.en)}</p>`);
  if (finding) {
    parts.push(`<p><b>Reasoning:</b> ${escapeHtml(finding.reasoning)}</p>`);
    if (finding.restsOnMissingDeclaration) parts.push('<p>This finding rests on the app declaring nothing about the matter.</p>');
    if (finding.waived) parts.push(`<p><b>Waived:</b> ${escapeHtml(finding.waived.justification)}</p>`);
  } else if (tc.ev.reason) {
    parts.push(`<p>${escapeHtml(tc.ev.reason)}</p>`);
  }
  const clauses = (finding?.clauses ?? rule.clauses).map((id) => {
    const c = data.clauses.get(id);
    if (!c) return `<li>${escapeHtml(id)}</li>`;
    const draft = c.status === 'draft' ? ' <b>(草案 draft, not in force)</b>' : '';
    return `<li>${escapeHtml(id)}: ${escapeHtml(c.instrument.zh)} ${escapeHtml(c.article)} ${escapeHtml(c.title.zh)} / ${escapeHtml(c.instrument.en)} ${escapeHtml(c.title.en)}${draft}</li>`;
  });
  if (clauses.length) parts.push(`<p><b>Basis:</b></p><ul>${clauses.join('')}</ul>`);
  if (redactor.omitsScreenshots) parts.push('<p><i>Screenshots are left out of this redacted report: they can show typed personal information.</i></p>');
  return parts.join('\n');
}

/** One step per UI action of the phase, with the screenshot taken after it; it lasts from its start to its record. */
function writeActionSteps(ctx: CaseContext, uuid: string, phase: PhaseName | null, variant: VariantName | null): void {
  const { data, runtime, store, redactor } = ctx;
  if (!phase) return;
  const actions = actionsOf(data, phase, variant);
  // Without a variant the rule looked at all of them: group the actions per variant.
  const groups = variant ? [{ variant, actions }] : [...new Set(actions.map((a) => a.variant))].map((v) => ({ variant: v, actions: actions.filter((a) => a.variant === v) }));
  for (const g of groups) {
    const first = g.actions[0];
    const parent = variant ? undefined : runtime.startStep(uuid, undefined, { name: `variant ${g.variant ?? '-'}`, status: Status.PASSED, ...(first ? { start: Date.parse(data.actionStart.get(first.seq) ?? first.time) } : {}) });
    for (const a of g.actions) {
      const t = Date.parse(a.time);
      const step = runtime.startStep(uuid, parent, {
        name: `${a.action} ${a.target}${a.valueRef ? ` ← ${a.valueRef}` : ''}`,
        status: a.ok ? Status.PASSED : Status.FAILED,
        statusDetails: a.error ? { message: a.error } : {},
        start: Date.parse(data.actionStart.get(a.seq) ?? a.time),
      });
      if (!step) continue;
      const file = a.screenshot && !redactor.omitsScreenshots ? screenshotFile(data, a.screenshot) : undefined;
      if (file) {
        const att = store.fromPath('screenshot', 'image/png', file);
        runtime.updateStep(step, (s) => s.attachments.push(att));
      }
      const source = a.source ? existsSync(join(data.runDir, RUN_FILES.bodies, a.source)) : false;
      if (source) {
        const html = redactor.text(readFileSync(join(data.runDir, RUN_FILES.bodies, a.source!), 'utf8'));
        const att = store.buffer('page source at the failed step', 'text/plain', 'txt', Buffer.from(html));
        runtime.updateStep(step, (s) => s.attachments.push(att));
      }
      runtime.stopStep(step, { stop: t });
    }
    if (parent) runtime.stopStep(parent, { stop: Date.parse(g.actions.at(-1)?.time ?? data.run.startedAt) });
  }
}

async function phaseHar(ctx: CaseContext, phase: PhaseName, variant: VariantName | null): Promise<Attachment> {
  const key = `${phase}|${variant ?? '*'}`;
  let att = ctx.hars.get(key);
  if (!att) {
    const har = await redactedPhaseHar(ctx.data.runDir, { phase, ...(variant ? { variant } : {}) }, ctx.redactor);
    att = ctx.store.buffer(`HAR ${phase}${variant ? ` / ${variant}` : ''}`, 'application/json', 'har', Buffer.from(har));
    ctx.hars.set(key, att);
  }
  return att;
}

function phaseWindow(data: ReportData, phase: PhaseName | null, variant: VariantName | null): { start: number; stop: number } {
  const times = data.timeline
    .filter((e) => (e.type === 'phase-start' || e.type === 'phase-end') && (phase === null || e.phase === phase) && (variant === null || e.variant === variant))
    .map((e) => Date.parse(e.time))
    .filter(Number.isFinite);
  const runStart = Date.parse(data.run.startedAt);
  const runEnd = data.run.endedAt ? Date.parse(data.run.endedAt) : runStart;
  return times.length ? { start: Math.min(...times), stop: Math.max(...times) } : { start: runStart, stop: runEnd };
}

/** Writes each distinct attachment file once (a screenshot is shared by many steps). */
class AttachmentStore {
  private readonly byKey = new Map<string, string>();
  constructor(private readonly writer: RedactingWriter) {}

  fromPath(name: string, type: string, file: string): Attachment {
    return { name, type, source: this.once(`path:${file}`, file.split('.').pop() ?? 'bin', (src) => this.writer.writeAttachmentFromPath(src, file)) };
  }
  text(name: string, text: string): Attachment {
    return this.buffer(name, 'text/plain', 'txt', Buffer.from(text));
  }
  buffer(name: string, type: string, ext: string, content: Buffer): Attachment {
    return { name, type, source: this.once(`buf:${createHash('sha256').update(content).digest('hex')}`, ext, (src) => this.writer.writeAttachment(src, content)) };
  }
  private once(key: string, ext: string, write: (source: string) => void): string {
    let source = this.byKey.get(key);
    if (!source) {
      // Random names: a name derived from the content would leak a hash of unredacted text.
      source = `${randomUUID()}-attachment.${ext}`;
      write(source);
      this.byKey.set(key, source);
    }
    return source;
  }
}

/** Empties a results folder of what Allure reads, leaving anything else the user keeps there. */
function clearResults(dir: string): void {
  if (existsSync(dir)) {
    for (const name of readdirSync(dir)) {
      if (/-(result|container)\.json$|-attachment\.|^(environment\.properties|categories\.json|executor\.json|history)$/.test(name)) {
        rmSync(join(dir, name), { recursive: true, force: true });
      }
    }
  }
  mkdirSync(dir, { recursive: true });
}
