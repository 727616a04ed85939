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
  /**
   * Share (0..1) with each result: of the analysed apps, and for face only, forced consent and cancellation,
   * of the apps where that check could be made (see `tested`), so an untested app never dilutes a rate.
   */
  rates: {
    beyondBaseline: number;
    biometricUpload: number;
    thirdPartyPi: number;
    faceOnly: number;
    forcedConsent: number;
    cancellationProblem: number;
  };
  analysed: number;
  /** Apps of the category where the check was made (held or violated). */
  tested: { faceOnly: number; forcedConsent: number; cancellation: number };
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
      const share = (of: AppRow[], p: (r: AppRow) => boolean): number => (of.length ? round(of.filter(p).length / of.length) : 0);
      const testedFor = (check: (r: AppRow) => CheckResult): AppRow[] => analysed.filter((r) => check(r) !== 'not-tested');
      const tested = { faceOnly: testedFor((r) => r.faceOnly), forcedConsent: testedFor((r) => r.forcedConsent), cancellation: testedFor((r) => r.cancellation) };
      return {
        category,
        apps: rows.length,
        analysed: analysed.length,
        tested: { faceOnly: tested.faceOnly.length, forcedConsent: tested.forcedConsent.length, cancellation: tested.cancellation.length },
        rates: {
          beyondBaseline: share(analysed, (r) => r.piTypesBeyondBaseline.length > 0),
          biometricUpload: share(analysed, (r) => r.biometricUploads > 0),
          thirdPartyPi: share(analysed, (r) => r.thirdParties.length > 0),
          faceOnly: share(tested.faceOnly, (r) => r.faceOnly === 'violated'),
          forcedConsent: share(tested.forcedConsent, (r) => r.forcedConsent === 'violated'),
          cancellationProblem: share(tested.cancellation, (r) => r.cancellation === 'violated'),
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
