// From a run directory to findings and reports: analysis, then rules, then the signed evidence
// manifest, then reports, then the signed run manifest over everything. Each stage reads only what the one before wrote, so this can be re-run on old evidence.

import { join } from 'node:path';
import { StageClock, type StageTime } from '../core/stage-clock.ts';
import { analyzeRun } from '../analysis/analyze-run.ts';
import type { Severity } from '../core/finding.ts';
import type { FindingsFile } from '../core/rule.ts';
import { writeManifest } from '../evidence/manifest.ts';
import { timestampManifest } from '../evidence/timestamp.ts';
import { RUN_FILES } from '../evidence/run-layout.ts';
import { failOnExitCode } from '../report/exit-code.ts';
import type { ReportSigning } from '../report/lab/index.ts';
import type { ReportOutput } from '../report/reporter.ts';
import { REPORTERS } from '../report/reporters.ts';
import { evaluateRun } from '../rules/engine.ts';

export interface PipelineOptions {
  waiversFile?: string;
  singleFile?: boolean;
  lang?: 'zh' | 'en';
  lab?: string;
  /** Report number scheme, client and signatories for the lab report cover. */
  signing?: ReportSigning;
  /** Allure history to carry on (a report or history folder); default the previous run of the target. */
  history?: string;
  /** Key for the keyed hash that replaces PI values in shared reports. */
  redactKey?: string;
  failOn?: Severity;
  /** Skip the PDF (Chromium print) of the lab report. */
  pdf?: boolean;
  /** RFC 3161 time-stamp authority to timestamp manifest.json with (manifest.tsr). */
  tsaUrl?: string;
  onProgress?: (line: string) => void;
}

export interface PipelineResult {
  findings: FindingsFile;
  findingsPath: string;
  /** What each report format wrote, in the order of src/report/reporters.ts. */
  reports: ReportOutput[];
  manifest: string;
  /** manifest.tsr, when a TSA was configured. */
  timestamp?: { path: string; genTime: string };
  exitCode: number;
  /** Wall time of each stage, for the timing line printed at the end. */
  timings: StageTime[];
}

/** Analysis and rules only: writes observations.jsonl and findings.json. */
export async function ensureAnalysed(runDir: string, o: PipelineOptions = {}, clock = new StageClock()): Promise<FindingsFile> {
  const progress = o.onProgress ?? (() => {});
  progress('analysis: decoding flows and looking for personal information and faces');
  const a = await analyzeRun(runDir, {
    onProgress: (n) => {
      if (n % 1000 === 0) progress(`analysis: ${n} flows`);
    },
  });
  progress(`analysis: ${a.flows} flows, ${a.observations} observations`);
  clock.lap('analysis');
  const findings = await evaluateRun(runDir, { waiversFile: o.waiversFile });
  clock.lap('rules');
  progress(`rules: ${findings.findings.length} findings`);
  return findings;
}

export async function buildReports(runDir: string, o: PipelineOptions = {}): Promise<PipelineResult> {
  const progress = o.onProgress ?? (() => {});
  const clock = new StageClock();
  const findings = await ensureAnalysed(runDir, o, clock);
  const redact = o.redactKey ? { key: o.redactKey } : undefined;
  // Signed in two steps, last of all: the evidence manifest before any report (the lab report's cover
  // and the Allure environment carry its hash), the run manifest over everything once every report
  // file, Allure's history included, is written.
  await writeManifest(runDir, { scope: 'evidence' });
  const ctx = { redact, lang: o.lang, lab: o.lab, signing: o.signing, singleFile: o.singleFile, history: o.history, pdf: o.pdf ?? true, onProgress: progress };
  // The formats are independent (each reads the run directory and writes its own folder), so Allure's
  // JVM and the lab report's Chromium run side by side.
  const reports: ReportOutput[] = await clock.together(
    'reports',
    REPORTERS.map((reporter) => ({ name: reporter.name, run: () => reporter.write(runDir, ctx) })),
  );
  const manifest = await writeManifest(runDir);
  clock.lap('signing');
  let timestamp: PipelineResult['timestamp'];
  if (o.tsaUrl) {
    progress(`timestamp: asking ${o.tsaUrl} (RFC 3161)`);
    timestamp = await timestampManifest(manifest.path, o.tsaUrl);
  }
  return {
    findings,
    findingsPath: join(runDir, RUN_FILES.findings),
    reports,
    manifest: manifest.path,
    ...(timestamp ? { timestamp } : {}),
    exitCode: failOnExitCode(findings, o.failOn),
    timings: clock.times,
  };
}
