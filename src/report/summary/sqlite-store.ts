// Every run, phase outcome, finding and observation of the summarised runs in one SQLite file, so a
// researcher asks new questions in SQL (or pandas' read_sql) without re-running anything.
// Tables and columns are documented in docs/batch.md ("The store"); lists are JSON text (use json_each).

import { rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import type { AppRow } from './app-summary.ts';
import type { CollectedRun } from './collect.ts';

const DDL = `
CREATE TABLE runs (
  run_dir TEXT PRIMARY KEY, run_id TEXT, app TEXT, category TEXT, platform TEXT, source TEXT,
  complete INTEGER, analysed INTEGER, variants TEXT, started_at TEXT, ended_at TEXT, privlab_version TEXT);
CREATE TABLE outcomes (run_dir TEXT, variant TEXT, phase TEXT, status TEXT, blocked_at TEXT, message TEXT);
CREATE TABLE findings (
  run_dir TEXT, finding_id TEXT, rule_id TEXT, kind TEXT, severity TEXT, phase TEXT, pi_types TEXT,
  party_kind TEXT, party_host TEXT, party_domain TEXT, party_organisation TEXT,
  title_en TEXT, title_zh TEXT, reasoning TEXT, waived INTEGER, rests_on_missing_declaration INTEGER,
  PRIMARY KEY (run_dir, finding_id));
CREATE TABLE finding_variants (run_dir TEXT, finding_id TEXT, variant TEXT, held INTEGER);
CREATE TABLE observations (
  run_dir TEXT, observation_id TEXT, flow_id TEXT, time TEXT, phase TEXT, variant TEXT, direction TEXT,
  pi_type TEXT, value TEXT, location TEXT, path TEXT, chain TEXT, detector TEXT, confidence REAL,
  party_kind TEXT, party_host TEXT, party_domain TEXT, party_organisation TEXT, party_vendor TEXT, insecure INTEGER);
CREATE TABLE apps (
  run_dir TEXT PRIMARY KEY, app TEXT, category TEXT, pi_types_sent TEXT, pi_types_beyond_baseline TEXT,
  biometric_uploads INTEGER, biometric_receivers TEXT, third_parties TEXT, face_only TEXT, forced_consent TEXT,
  cancellation TEXT, cancellation_problems TEXT, findings INTEGER);
CREATE INDEX observations_pi ON observations (pi_type);
CREATE INDEX findings_rule ON findings (rule_id);
`;

const json = (v: unknown): string => JSON.stringify(v);
const flag = (v: boolean | undefined): number => (v ? 1 : 0);

export function writeSqliteStore(file: string, runs: CollectedRun[], apps: AppRow[]): void {
  rmSync(file, { force: true });
  const db = new Database(file);
  try {
    // A derived file, rebuilt whole each time: no journal is needed to keep it consistent.
    db.pragma('journal_mode = OFF');
    db.pragma('synchronous = OFF');
    db.exec(DDL);
    const insert = {
      run: db.prepare('INSERT INTO runs VALUES (?,?,?,?,?,?,?,?,?,?,?,?)'),
      outcome: db.prepare('INSERT INTO outcomes VALUES (?,?,?,?,?,?)'),
      finding: db.prepare('INSERT INTO findings VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)'),
      variant: db.prepare('INSERT INTO finding_variants VALUES (?,?,?,?)'),
      observation: db.prepare('INSERT INTO observations VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)'),
      app: db.prepare('INSERT INTO apps VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)'),
    };
    db.transaction(() => {
      for (const { dir, info, findings, observations } of runs) {
        const t = info.target;
        insert.run.run(dir, info.id, t.name, t.category, t.platform, info.source, flag(info.complete), flag(Boolean(findings)), json(info.variants), info.startedAt, info.endedAt ?? null, info.privlabVersion);
        for (const o of info.outcomes) insert.outcome.run(dir, o.variant, o.phase, o.status, o.blockedAt ?? null, o.message ?? null);
        const kinds = new Map(findings?.rules.map((r) => [r.id, r.kind]));
        for (const f of findings?.findings ?? []) {
          const p = f.party;
          insert.finding.run(dir, f.id, f.ruleId, kinds.get(f.ruleId) ?? null, f.severity, f.phase, json(f.piTypes), p?.kind ?? null, p?.host ?? null, p?.domain ?? null, p?.organisation ?? null, f.title.en, f.title.zh, f.reasoning, flag(Boolean(f.waived)), flag(f.restsOnMissingDeclaration));
          for (const v of f.variants) insert.variant.run(dir, f.id, v, 1);
          for (const v of f.notHeldIn) insert.variant.run(dir, f.id, v, 0);
        }
        for (const o of observations) {
          const p = o.party;
          insert.observation.run(dir, o.id, o.flowId, o.time, o.phase, o.variant, o.direction, o.piType, o.value, o.location, o.path, json(o.chain), o.detector, o.confidence, p.kind, p.host, p.domain, p.organisation ?? null, p.vendor ?? null, flag(o.insecure));
        }
      }
      for (const a of apps) {
        insert.app.run(a.runDir, a.app, a.category, json(a.piTypesSent), json(a.piTypesBeyondBaseline), a.biometricUploads, json(a.biometricReceivers), json(a.thirdParties), a.faceOnly, a.forcedConsent, a.cancellation, json(a.cancellationProblems), a.findings);
      }
    })();
  } finally {
    db.close();
  }
}
