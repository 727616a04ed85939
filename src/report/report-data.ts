// Everything a report reads from a run directory, loaded once: run.json, timeline, observations,
// findings.json (validated), the flows findings point at, and the clauses they cite.

import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { loadCatalogs } from '../core/catalog-loader.ts';
import type { Catalogs, Clause } from '../core/catalog.ts';
import type { Finding } from '../core/finding.ts';
import type { Flow } from '../core/flow.ts';
import type { Observation } from '../core/observation.ts';
import type { FindingsFile, RuleMeta } from '../core/rule.ts';
import type { RunInfo } from '../core/run.ts';
import type { ActionEvent, TimelineEvent } from '../core/timeline.ts';
import { EVIDENCE_MANIFEST_FILE, readManifest } from '../evidence/manifest.ts';
import { RUN_FILES } from '../evidence/run-layout.ts';
import { readJsonLines, RunDirError, RunReader } from '../evidence/run-reader.ts';
import { validateFindingsFile } from './findings-schema.ts';

export interface ReportData {
  runDir: string;
  reader: RunReader;
  run: RunInfo;
  timeline: TimelineEvent[];
  /** When each UI action began (by seq): see actionStarts. */
  actionStart: Map<number, string>;
  observations: Map<string, Observation>;
  findings: FindingsFile;
  findingById: Map<string, Finding>;
  ruleById: Map<string, RuleMeta>;
  /** Only the flows some finding names as evidence, and those whose responses held PI (the report shows the request answered). */
  flows: Map<string, Flow>;
  catalogs: Catalogs;
  clauses: Map<string, Clause>;
  /** SHA-256 of evidence-manifest.json, when the run's evidence has been sealed. */
  manifestSha256?: string;
  /** Fingerprint of the key that signed evidence-manifest.json. */
  signerFingerprint?: string;
}

/** `catalogs`: default the repository's config/ catalogs. */
export async function loadReportData(runDir: string, catalogs: Catalogs = loadCatalogs()): Promise<ReportData> {
  const reader = new RunReader(runDir);
  const run = reader.info();
  const timeline = await reader.timelineArray();
  const findings = readFindings(reader.path(RUN_FILES.findings));
  const observations = new Map<string, Observation>();
  for await (const o of readJsonLines<Observation>(reader.path(RUN_FILES.observations))) observations.set(o.id, o);

  const wanted = new Set(findings.findings.flatMap((f) => f.evidence.flows));
  for (const o of observations.values()) if (o.direction === 'response') wanted.add(o.flowId);
  const flows = new Map<string, Flow>();
  if (wanted.size) for await (const f of reader.flows()) if (wanted.has(f.id)) flows.set(f.id, f);

  // The evidence manifest: signed before the reports, so the reports can carry its hash.
  const manifest = reader.path(EVIDENCE_MANIFEST_FILE);
  const sealed = existsSync(manifest);
  return {
    runDir,
    reader,
    run,
    timeline,
    actionStart: actionStarts(timeline),
    observations,
    findings,
    findingById: new Map(findings.findings.map((f) => [f.id, f])),
    ruleById: new Map(findings.rules.map((r) => [r.id, r])),
    flows,
    catalogs,
    clauses: new Map(catalogs.clauses.map((c) => [c.id, c])),
    ...(sealed ? { manifestSha256: createHash('sha256').update(readFileSync(manifest)).digest('hex'), signerFingerprint: readManifest(runDir, 'evidence').body.publicKey.fingerprint } : {}),
  };
}

function readFindings(file: string): FindingsFile {
  if (!existsSync(file)) throw new RunDirError(file, 'missing: analyse the run first (privlab report runs analysis and rules)');
  let obj: unknown;
  try {
    obj = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new RunDirError(file, `cannot be read as JSON (${(e as Error).message})`);
  }
  const problems = validateFindingsFile(obj);
  if (problems.length) throw new RunDirError(file, `does not match config/schema/findings.schema.json: ${problems[0]}`);
  return obj as FindingsFile;
}

/**
 * An action is recorded when it ends (after its screenshot); it began when the event before it in the
 * same variant was recorded (the previous action, or the phase start).
 */
export function actionStarts(timeline: readonly TimelineEvent[]): Map<number, string> {
  const last = new Map<string, string>();
  const out = new Map<number, string>();
  for (const e of timeline) {
    const key = e.variant ?? '';
    if (e.type === 'action') out.set(e.seq, last.get(key) ?? e.time);
    last.set(key, e.time);
  }
  return out;
}

/** UI actions of a phase in a variant (all variants when variant is null), in order. */
export function actionsOf(data: ReportData, phase: string | null, variant: string | null): ActionEvent[] {
  return data.timeline.filter(
    (e): e is ActionEvent => e.type === 'action' && e.phase === phase && (variant === null || e.variant === variant),
  );
}

/**
 * Screenshots that show a finding: those of the timeline events it names, else the screen last
 * seen before each of its flows in the same phase and variant.
 */
export function findingScreenshots(data: ReportData, finding: Finding): string[] {
  const out = new Set<string>();
  const bySeq = new Set(finding.evidence.timeline);
  for (const e of data.timeline) if (bySeq.has(e.seq) && e.type === 'action' && e.screenshot) out.add(e.screenshot);
  if (out.size) return [...out];
  for (const flowId of finding.evidence.flows) {
    const flow = data.flows.get(flowId);
    if (!flow) continue;
    let last: string | undefined;
    for (const e of data.timeline) {
      if (e.time > flow.time) break;
      if (e.type === 'action' && e.screenshot && e.phase === flow.phase && e.variant === flow.variant) last = e.screenshot;
    }
    if (last) out.add(last);
  }
  return [...out];
}

/** Observations a finding names that sit in the given flow. */
export function findingObservationsIn(data: ReportData, finding: Finding, flowId: string): Observation[] {
  return finding.evidence.observations
    .map((id) => data.observations.get(id))
    .filter((o): o is Observation => o !== undefined && o.flowId === flowId);
}

/** Absolute path of a screenshot the timeline names, if it is a screenshot file that exists (never outside the run). */
export function screenshotFile(data: ReportData, rel: string): string | undefined {
  if (!/^screenshots\/[0-9a-f]{64}\.png$/.test(rel)) return undefined;
  const p = data.reader.path(rel);
  return existsSync(p) ? p : undefined;
}
