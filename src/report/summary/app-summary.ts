// One row per app (run) and one per category: what a researcher compares across apps of a category.
// Every figure comes from the run's own findings and observations; a run without findings.json is
// marked not analysed, never counted as clean. Schema of the JSON: config/schema/summary.schema.json.

import type { Finding, Severity } from '../../core/finding.ts';
import { SEVERITIES } from '../../core/finding.ts';
import type { FindingKind, FindingsFile } from '../../core/rule.ts';
import type { CollectedRun } from './collect.ts';

/** How a kind of check came out over all variants of a run. */
export type CheckResult = 'violated' | 'held' | 'not-tested';

export interface AppRow {
  app: string;
  category: string;
  platform: string;
  runId: string;
  runDir: string;
  source: string;
  complete: boolean;
  analysed: boolean;
  variants: string[];
  /** PI types the app sent (requests to first and third parties; the browser's own traffic left out). */
  piTypesSent: string[];
  /** PI types found beyond the category's necessary scope (over-collection findings). */
  piTypesBeyondBaseline: string[];
  biometricUploads: number;
  /** Organisations (or domains) that received biometric data. */
  biometricReceivers: string[];
  /** Organisations (or domains) of third parties that received any personal information. */
  thirdParties: string[];
  faceOnly: CheckResult;
  forcedConsent: CheckResult;
  cancellation: CheckResult;
  /** Rules of kind cancellation that were violated. */
  cancellationProblems: string[];
  findings: number;
  findingsBySeverity: Record<Severity, number>;
}

export interface CategoryRow {
  category: string;
  apps: number;
  /** Share (0..1) of the analysed apps of the category with each result. */
  rates: {
    beyondBaseline: number;
    biometricUpload: number;
    thirdPartyPi: number;
    faceOnly: number;
    forcedConsent: number;
    cancellationProblem: number;
  };
  analysed: number;
}

export function appRow(run: CollectedRun): AppRow {
  const { info, findings: file, observations } = run;
  const findings = file?.findings ?? [];
  const ofKind = (kind: FindingKind): Finding[] => findings.filter((f) => kindOf(file, f.ruleId) === kind);
  const sent = observations.filter((o) => o.direction === 'request' && (o.party.kind === 'first' || o.party.kind === 'third'));
  const biometric = ofKind('biometric-upload');
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, findings.filter((f) => f.severity === s).length])) as Record<Severity, number>;
  return {
    app: info.target.name,
    category: info.target.category,
    platform: info.target.platform,
    runId: info.id,
    runDir: run.dir,
    source: info.source,
    complete: info.complete,
    analysed: Boolean(file),
    variants: info.variants,
    piTypesSent: sorted(sent.map((o) => o.piType)),
    piTypesBeyondBaseline: sorted(ofKind('over-collection').flatMap((f) => f.piTypes)),
    biometricUploads: biometric.length,
    biometricReceivers: sorted(biometric.flatMap((f) => (f.party ? [receiver(f.party)] : []))),
    thirdParties: sorted(sent.filter((o) => o.party.kind === 'third').map((o) => receiver(o.party))),
    faceOnly: check(file, 'face-only'),
    forcedConsent: check(file, 'forced-consent'),
    cancellation: check(file, 'cancellation'),
    cancellationProblems: sorted(ofKind('cancellation').map((f) => f.ruleId)),
    findings: findings.length,
    findingsBySeverity: bySeverity,
  };
}

export function categoryRows(apps: AppRow[]): CategoryRow[] {
  const byCategory = new Map<string, AppRow[]>();
  for (const a of apps) byCategory.set(a.category, [...(byCategory.get(a.category) ?? []), a]);
  return [...byCategory.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([category, rows]) => {
      const analysed = rows.filter((r) => r.analysed);
      const rate = (p: (r: AppRow) => boolean): number => (analysed.length ? round(analysed.filter(p).length / analysed.length) : 0);
      return {
        category,
        apps: rows.length,
        analysed: analysed.length,
        rates: {
          beyondBaseline: rate((r) => r.piTypesBeyondBaseline.length > 0),
          biometricUpload: rate((r) => r.biometricUploads > 0),
          thirdPartyPi: rate((r) => r.thirdParties.length > 0),
          faceOnly: rate((r) => r.faceOnly === 'violated'),
          forcedConsent: rate((r) => r.forcedConsent === 'violated'),
          cancellationProblem: rate((r) => r.cancellation === 'violated'),
        },
      };
    });
}

function kindOf(file: FindingsFile | undefined, ruleId: string): FindingKind | undefined {
  return file?.rules.find((r) => r.id === ruleId)?.kind;
}

/** Violated if any finding of the kind; held if a rule of the kind was checked and held; else not tested. */
function check(file: FindingsFile | undefined, kind: FindingKind): CheckResult {
  if (!file) return 'not-tested';
  const ruleIds = new Set(file.rules.filter((r) => r.kind === kind).map((r) => r.id));
  if (file.findings.some((f) => ruleIds.has(f.ruleId))) return 'violated';
  return file.evaluations.some((e) => ruleIds.has(e.ruleId) && e.status === 'held') ? 'held' : 'not-tested';
}

function receiver(p: { organisation?: string; domain: string }): string {
  return p.organisation ?? p.domain;
}

function sorted(values: string[]): string[] {
  return [...new Set(values)].sort();
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
