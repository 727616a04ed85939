// The summary as CSV for spreadsheets and pandas: apps.csv one row per run, categories.csv one per category.
// Lists are joined with "; ". Columns are those of config/schema/summary.schema.json.

import { stringify } from 'csv-stringify/sync';
import { SEVERITIES } from '../../core/finding.ts';
import type { AppRow, CategoryRow } from './app-summary.ts';

const list = (v: string[]): string => v.join('; ');

export function appsCsv(apps: AppRow[]): string {
  return stringify(
    apps.map((a) => ({
      app: a.app,
      category: a.category,
      platform: a.platform,
      run_id: a.runId,
      source: a.source,
      complete: a.complete,
      analysed: a.analysed,
      variants: list(a.variants),
      pi_types_sent: list(a.piTypesSent),
      pi_types_beyond_baseline: list(a.piTypesBeyondBaseline),
      biometric_uploads: a.biometricUploads,
      biometric_receivers: list(a.biometricReceivers),
      third_parties: list(a.thirdParties),
      face_only: a.faceOnly,
      forced_consent: a.forcedConsent,
      cancellation: a.cancellation,
      cancellation_problems: list(a.cancellationProblems),
      findings: a.findings,
      ...Object.fromEntries(SEVERITIES.map((s) => [`findings_${s}`, a.findingsBySeverity[s]])),
      run_dir: a.runDir,
    })),
    { header: true, cast: { boolean: (b) => (b ? 'true' : 'false') } },
  );
}

export function categoriesCsv(rows: CategoryRow[]): string {
  return stringify(
    rows.map((c) => ({
      category: c.category,
      apps: c.apps,
      analysed: c.analysed,
      beyond_baseline_rate: c.rates.beyondBaseline,
      biometric_upload_rate: c.rates.biometricUpload,
      third_party_pi_rate: c.rates.thirdPartyPi,
      face_only_rate: c.rates.faceOnly,
      face_only_tested: c.tested.faceOnly,
      forced_consent_rate: c.rates.forcedConsent,
      forced_consent_tested: c.tested.forcedConsent,
      cancellation_problem_rate: c.rates.cancellationProblem,
      cancellation_tested: c.tested.cancellation,
    })),
    { header: true },
  );
}
