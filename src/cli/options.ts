// Parsing and describing the options several subcommands share.

import { Option, type Command } from 'commander';
import { EXIT } from '../core/exit-codes.ts';
import { describeStageTimes, type StageTime } from '../core/stage-clock.ts';
import { SEVERITIES, type Severity } from '../core/finding.ts';
import { VARIANTS, isVariant, type PhaseOutcome, type VariantName } from '../core/phase.ts';
import { UserError } from './errors.ts';
import type { PipelineOptions, PipelineResult } from './pipeline.ts';
import type { UserConfig } from './user-config.ts';

export function parseVariants(value: string): VariantName[] {
  const list = value.split(',').map((v) => v.trim()).filter(Boolean);
  const bad = list.filter((v) => !isVariant(v));
  if (bad.length || !list.length) {
    throw new UserError(`--variants: unknown variant ${bad.join(', ') || '(none given)'}; choose from ${VARIANTS.join(', ')}`);
  }
  return list as VariantName[];
}

export function parseSeverity(value: string): Severity {
  if (!(SEVERITIES as readonly string[]).includes(value)) {
    throw new UserError(`--fail-on: unknown severity "${value}"; choose from ${SEVERITIES.join(', ')}`);
  }
  return value as Severity;
}

/** Options shared by `run`, `demo` and `report`: how findings and reports are made. */
export function addReportOptions(cmd: Command): Command {
  return cmd
    .option('--waivers <file>', 'reviewer\'s waiver file (YAML): accepted findings stay in the report, marked waived')
    .option('--single-file', 'write the Allure HTML as one index.html that opens from anywhere')
    .addOption(new Option('--lang <lang>', 'language of the lab report').choices(['zh', 'en']).default('zh'))
    .option('--lab <name>', 'lab name on the lab report cover')
    .option('--history <dir>', "Allure history to carry on for the Trend (an allure-report folder or its history/); default the last earlier run of the same target in the same out-root")
    .option('--redact [key]', 'replace every personal value by a keyed hash in all report files (for reports shared outside the lab); key defaults to $PRIVLAB_REDACT_KEY or a random one')
    .option('--no-pdf', 'skip the PDF of the lab report (HTML only)')
    .option('--tsa <url>', 'RFC 3161 time-stamp authority to timestamp the signed manifest with (writes manifest.tsr); default tsa.url in privlab.config.yaml')
    .option('--fail-on <severity>', `exit ${EXIT.findings} when an unwaived finding at or above this severity exists (${SEVERITIES.join('|')})`, parseSeverity)
    .option('--baseline <findings>', `findings.json (or run directory) of an earlier run: --fail-on counts only findings new since then`)
    .option('--junit <file>', 'also write the findings as JUnit XML (a failed test case per finding) for CI')
    .option('--sarif <file>', 'also write the findings as SARIF 2.1.0 for code-scanning dashboards');
}

export interface ReportFlags {
  waivers?: string;
  singleFile?: boolean;
  lang: 'zh' | 'en';
  lab?: string;
  history?: string;
  redact?: string | boolean;
  pdf: boolean;
  failOn?: Severity;
  tsa?: string;
  baseline?: string;
  junit?: string;
  sarif?: string;
}

export function pipelineOptions(f: ReportFlags, cfg: UserConfig, progress: (l: string) => void): PipelineOptions {
  const redactKey = f.redact === undefined || f.redact === false
    ? undefined
    : typeof f.redact === 'string' ? f.redact : process.env.PRIVLAB_REDACT_KEY ?? crypto.randomUUID();
  return {
    waiversFile: f.waivers,
    singleFile: f.singleFile,
    lang: f.lang,
    lab: f.lab ?? cfg.lab,
    signing: cfg.report,
    history: f.history,
    redactKey,
    pdf: f.pdf,
    failOn: f.failOn ?? cfg.failOn,
    tsaUrl: f.tsa ?? cfg.tsa?.url,
    onProgress: progress,
  };
}

/** Prints where everything was written, and the findings by severity. */
/** `before`: the timings of what ran before the pipeline (the scripted run's set-up and variants). */
export function printResult(runDir: string, r: PipelineResult, out: (l: string) => void, before: readonly StageTime[] = []): void {
  const counts = new Map<string, number>();
  for (const f of r.findings.findings) counts.set(f.severity, (counts.get(f.severity) ?? 0) + 1);
  const bySeverity = SEVERITIES.filter((s) => counts.has(s)).map((s) => `${counts.get(s)} ${s}`).join(', ') || 'none';
  out(`findings: ${r.findings.findings.length} distinct (${bySeverity})${r.findings.complete ? '' : '  [run INCOMPLETE]'}`);
  out(`phases:   ${describePhaseCounts(r.findings.outcomes)}`);
  for (const e of r.findings.outcomes.filter((o) => o.status === 'error')) {
    out(`  ERROR ${e.variant} ${e.phase}: ${e.message ?? 'no message'} (a harness or scenario error: no verdict on this phase)`);
  }
  out(`run directory:   ${runDir}`);
  out(`findings.json:   ${r.findingsPath}`);
  for (const { label, path } of r.reports.flatMap((x) => x.files)) out(`${`${label}:`.padEnd(17)}${path}`);
  out(`manifest:        ${r.manifest}`);
  if (r.timestamp) out(`timestamp:       ${r.timestamp.path} (${r.timestamp.genTime})`);
  out(`time:            ${describeStageTimes([...before, ...r.timings])}`);
}

/** "9 completed, 2 blocked, 1 error, 4 not tested" */
export function describePhaseCounts(outcomes: readonly PhaseOutcome[]): string {
  const counts = new Map<string, number>();
  for (const o of outcomes) counts.set(o.status, (counts.get(o.status) ?? 0) + 1);
  return [...counts].map(([status, n]) => `${n} ${status.replace('-', ' ')}`).join(', ') || 'none recorded';
}

/** A phase that ended in a harness or scenario error outranks the findings gate: the run's verdict is partial. */
export function runExitCode(outcomes: readonly PhaseOutcome[], gateCode: number): number {
  return outcomes.some((o) => o.status === 'error') ? EXIT.harnessError : gateCode;
}

export const progressToStderr = (line: string): void => {
  process.stderr.write(`· ${line}\n`);
};
