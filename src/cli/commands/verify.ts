// `privlab verify <run-dir>`: checks a run directory against its signed manifest, and that a key the
// lab pinned signed it.

import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { EVIDENCE_MANIFEST_FILE, ManifestError, TIMESTAMP_FILE, verifyRun, type VerifyResult } from '../../evidence/manifest.ts';
import { RUN_FILES } from '../../evidence/run-layout.ts';
import { SigningKeyError } from '../../evidence/signing-key.ts';
import { verifyTimestamp } from '../../evidence/timestamp.ts';
import { signerTrust, type SignerTrust } from '../../evidence/trusted-keys.ts';
import { UserError } from '../errors.ts';

interface Check {
  ok: boolean;
  text?: string;
}

export function register(program: Command): void {
  program
    .command('verify')
    .description(
      'Check that a run directory is exactly as it was signed: every file listed in manifest.json has the same ' +
        'SHA-256 and size, no file was added or removed, the Ed25519 signature holds, and the signer is a pinned key ' +
        "(this lab's own, or one imported with `privlab keys trust`). Prints the signer's fingerprint and any file no " +
        'manifest covers. Exits 0 when intact and signed by a trusted key, 1 when anything differs, the signature is bad ' +
        'or the signer is not trusted, 2 when the run cannot be checked (no manifest).',
    )
    .argument('<run-dir>', 'the run directory (holding run.json and manifest.json)')
    .option('--key <pub-file>', "trust exactly this public key (PEM, e.g. another lab's signing.pub) instead of the pinned keys")
    .option('--tsa-ca <ca-file>', 'also check the RFC 3161 timestamp manifest.tsr against this time-stamp authority CA certificate (PEM)')
    .option('--json', 'print the result as JSON instead of text')
    .action(async (runDir: string, opts: { key?: string; tsaCa?: string; json?: boolean }) => {
      if (opts.key && !existsSync(opts.key)) throw new UserError(`--key ${opts.key}: no such file. Give a PEM public key file.`);
      const result = await checkRun(runDir);
      const signer = trustOf(result.keyFingerprint, opts.key);
      const evidence = await checkEvidenceManifest(runDir, result.keyFingerprint);
      const ts = await checkTimestamp(runDir, opts.tsaCa);
      const ok = result.ok && signer.trusted && evidence.ok && ts.ok;
      if (opts.json) {
        process.stdout.write(JSON.stringify({ ...result, ok, signer, evidenceManifest: evidence, timestamp: ts }, null, 2) + '\n');
      } else {
        process.stdout.write(formatResult(runDir, result, signer, evidence, ts));
      }
      if (!ok) process.exitCode = 1;
    });
}

async function checkRun(runDir: string): Promise<VerifyResult> {
  try {
    return await verifyRun(runDir);
  } catch (e) {
    if (e instanceof ManifestError) throw new UserError(`${e.message}. Sign it with \`privlab report ${runDir}\` first, or check the path.`);
    throw e;
  }
}

function trustOf(fingerprint: string, keyFile?: string): SignerTrust {
  try {
    return signerTrust(fingerprint, keyFile);
  } catch (e) {
    if (e instanceof SigningKeyError) throw new UserError(`${e.message}. Give a PEM public key file.`);
    throw e;
  }
}

/** The evidence manifest (whose hash the lab report's cover prints) must hold too, signed by the same key. */
async function checkEvidenceManifest(runDir: string, signer: string): Promise<Check> {
  if (!existsSync(join(runDir, EVIDENCE_MANIFEST_FILE))) return { ok: true };
  const r = await verifyRun(runDir, 'evidence');
  if (!r.signatureValid) return { ok: false, text: `${EVIDENCE_MANIFEST_FILE}: signature INVALID` };
  if (r.keyFingerprint !== signer) return { ok: false, text: `${EVIDENCE_MANIFEST_FILE}: signed by ${r.keyFingerprint}, not by the signer of manifest.json` };
  const differ = [...r.changed, ...r.added, ...r.removed];
  if (differ.length) return { ok: false, text: `${EVIDENCE_MANIFEST_FILE}: does not match the evidence (${differ.slice(0, 5).join(', ')})` };
  return { ok: true, text: `${EVIDENCE_MANIFEST_FILE}: ${r.fileCount} evidence files, consistent` };
}

async function checkTimestamp(runDir: string, caFile?: string): Promise<Check & { genTime?: string }> {
  const manifest = join(runDir, RUN_FILES.manifest);
  const present = existsSync(join(runDir, TIMESTAMP_FILE));
  if (!caFile) return { ok: true, text: present ? `${TIMESTAMP_FILE} present, not checked (give --tsa-ca <ca-file>)` : undefined };
  if (!existsSync(caFile)) throw new UserError(`${caFile}: no such file. Give the PEM certificate of the time-stamp authority's CA.`);
  if (!present) return { ok: false, text: `${TIMESTAMP_FILE} missing: this run has no RFC 3161 timestamp` };
  const r = await verifyTimestamp(manifest, caFile);
  return r.ok ? { ok: true, text: `valid, time ${r.genTime}`, genTime: r.genTime } : { ok: false, text: `INVALID (${r.message})` };
}

/** Files no manifest covers, folders summarised: the manifest and its token always, more under an old manifest. */
function notCoveredLine(r: VerifyResult): string {
  const groups = new Map<string, number>();
  for (const p of r.notCovered) {
    const top = p.includes('/') ? `${p.slice(0, p.indexOf('/'))}/` : p;
    groups.set(top, (groups.get(top) ?? 0) + 1);
  }
  const list = [...groups].map(([p, n]) => (p.endsWith('/') ? `${p} (${n} files)` : p)).join(', ');
  return `  not covered by any manifest: ${list || 'none'}`;
}

function formatResult(runDir: string, r: VerifyResult, signer: SignerTrust, evidence: Check, ts: Check): string {
  const signerLine = `  signer: ${r.keyFingerprint} (${signer.text})`;
  const extra = [signerLine, ...(evidence.text ? [`  ${evidence.text}`] : []), ...(ts.text ? [`  timestamp: ${ts.text}`] : []), notCoveredLine(r)];
  if (r.scope === 'evidence') extra.push('  this manifest predates report signing: the reports in this run are not covered; re-run `privlab report` to sign them');
  if (r.ok && signer.trusted && evidence.ok && ts.ok) {
    return [`OK ${runDir}: ${r.fileCount} files unchanged since ${r.createdAt}, signature valid, signed by a trusted key`, ...extra].join('\n') + '\n';
  }
  const lines = [`FAILED ${runDir}:`];
  if (!r.signatureValid) lines.push('  signature: INVALID (manifest.json was altered or not signed by the key it names)');
  if (!signer.trusted) lines.push(`  untrusted signer: trust it with \`privlab keys trust <pub-file>\` if you know whose it is, or check with --key <pub-file>`);
  for (const p of r.changed) lines.push(`  changed: ${p}`);
  for (const p of r.added) lines.push(`  added:   ${p}`);
  for (const p of r.removed) lines.push(`  removed: ${p}`);
  lines.push(`  ${r.fileCount} files in manifest; ${r.changed.length} changed, ${r.added.length} added, ${r.removed.length} removed`);
  return [...lines, ...extra].join('\n') + '\n';
}
