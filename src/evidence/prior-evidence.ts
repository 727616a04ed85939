// Before a run is reported again: is the captured evidence still what was signed? Analysis outputs and
// reports are re-made by the report, so only captured files (run.json, timeline, flows, bodies,
// screenshots, an imported HAR, marks) count; a bad signature or an untrusted signer means the earlier
// state cannot be known, which counts too.

import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EvidenceOverride } from '../core/evidence-record.ts';
import { EXIT } from '../core/exit-codes.ts';
import type { RunInfo } from '../core/run.ts';
import { EVIDENCE_MANIFEST_FILE, verifyRun, type ManifestScope } from './manifest.ts';
import { RUN_FILES } from './run-layout.ts';
import { signerTrust } from './trusted-keys.ts';

/** Made again by every report ('analysis.json' is the analysis summary). */
const DERIVED = [RUN_FILES.observations, 'analysis.json', RUN_FILES.findings, EVIDENCE_MANIFEST_FILE, `${RUN_FILES.allureResults}/`, `${RUN_FILES.allureReport}/`, 'lab-report/'];

/** Reporting refused: the evidence no longer matches what was signed (exit 1, like a failed verify). */
export class ChangedEvidenceError extends Error {
  readonly exitCode = EXIT.failure;
  constructor(message: string) {
    super(message);
    this.name = 'ChangedEvidenceError';
  }
}

export interface PriorEvidence {
  /** False when the run was never signed (a crashed run, a fresh import): nothing to compare. */
  signed: boolean;
  /** Why the captured evidence is not known to be as signed; empty when it is. */
  problems: string[];
  /** The manifest compared with. */
  manifest?: string;
}

export async function checkPriorEvidence(runDir: string, keyFile?: string): Promise<PriorEvidence> {
  const scope: ManifestScope | undefined = existsSync(join(runDir, RUN_FILES.manifest))
    ? 'run'
    : existsSync(join(runDir, EVIDENCE_MANIFEST_FILE))
      ? 'evidence'
      : undefined;
  if (!scope) return { signed: false, problems: [] };
  const r = await verifyRun(runDir, scope);
  const captured = (p: string): boolean => !DERIVED.some((d) => (d.endsWith('/') ? p.startsWith(d) : p === d));
  const problems = [
    ...(r.signatureValid ? [] : ['signature: INVALID']),
    ...(signerTrust(r.keyFingerprint, keyFile).trusted ? [] : [`signer ${r.keyFingerprint} is not a pinned key`]),
    ...r.changed.filter(captured).map((p) => `changed: ${p}`),
    ...r.added.filter(captured).map((p) => `added: ${p}`),
    ...r.removed.filter(captured).map((p) => `removed: ${p}`),
  ];
  return { signed: true, problems, manifest: join(runDir, scope === 'run' ? RUN_FILES.manifest : EVIDENCE_MANIFEST_FILE) };
}

/** Appends the override to run.json (rewritten atomically, owner-only). */
export function recordEvidenceOverride(runDir: string, override: EvidenceOverride): void {
  const file = join(runDir, RUN_FILES.run);
  const info = JSON.parse(readFileSync(file, 'utf8')) as RunInfo;
  info.evidenceOverrides = [...(info.evidenceOverrides ?? []), override];
  writeFileSync(`${file}.tmp`, JSON.stringify(info, null, 2) + '\n', { mode: 0o600 });
  renameSync(`${file}.tmp`, file);
}
