// `privlab verify <run-dir>`: checks a run directory against its signed manifest.

import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { privlabHome } from '../../core/config-dir.ts';
import { ManifestError, TIMESTAMP_FILE, verifyRun, type VerifyResult } from '../../evidence/manifest.ts';
import { RUN_FILES } from '../../evidence/run-layout.ts';
import { verifyTimestamp } from '../../evidence/timestamp.ts';
import { describePublicKey, readPublicKeyFile, SIGNING_PUB_FILE, SigningKeyError } from '../../evidence/signing-key.ts';
import { UserError } from '../errors.ts';

export function register(program: Command): void {
  program
    .command('verify')
    .description(
      'Check that a run directory is exactly as it was signed: every file listed in manifest.json has the same ' +
        'SHA-256 and size, no file was added or removed, and the Ed25519 signature holds. Exits 0 when intact, ' +
        '1 when anything differs or the signature is bad, 2 when the run cannot be checked (no manifest).',
    )
    .argument('<run-dir>', 'the run directory (holding run.json and manifest.json)')
    .option('--key <pub-file>', 'also require the manifest to be signed by this public key (PEM, e.g. a lab\'s signing.pub)')
    .option('--tsa-ca <ca-file>', 'also check the RFC 3161 timestamp manifest.tsr against this time-stamp authority CA certificate (PEM)')
    .option('--json', 'print the result as JSON instead of text')
    .action(async (runDir: string, opts: { key?: string; tsaCa?: string; json?: boolean }) => {
      const result = await checkRun(runDir);
      const keyNote = describeSigner(result.keyFingerprint, opts.key);
      const keyOk = !opts.key || keyNote.matchesGiven;
      const ts = await checkTimestamp(runDir, opts.tsaCa);
      const ok = result.ok && keyOk && ts.ok;
      if (opts.json) {
        process.stdout.write(JSON.stringify({ ...result, ok, localKey: keyNote.isLocal, timestamp: ts }, null, 2) + '\n');
      } else {
        process.stdout.write(formatResult(runDir, result, keyNote.text, keyOk, ts));
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

async function checkTimestamp(runDir: string, caFile?: string): Promise<{ ok: boolean; text?: string; genTime?: string }> {
  const manifest = join(runDir, RUN_FILES.manifest);
  const present = existsSync(join(runDir, TIMESTAMP_FILE));
  if (!caFile) return { ok: true, text: present ? `${TIMESTAMP_FILE} present, not checked (give --tsa-ca <ca-file>)` : undefined };
  if (!existsSync(caFile)) throw new UserError(`${caFile}: no such file. Give the PEM certificate of the time-stamp authority's CA.`);
  if (!present) return { ok: false, text: `${TIMESTAMP_FILE} missing: this run has no RFC 3161 timestamp` };
  const r = await verifyTimestamp(manifest, caFile);
  return r.ok ? { ok: true, text: `valid, time ${r.genTime}`, genTime: r.genTime } : { ok: false, text: `INVALID (${r.message})` };
}

function describeSigner(fingerprint: string, givenKeyFile?: string): { text: string; isLocal: boolean; matchesGiven: boolean } {
  const localPub = join(privlabHome(), SIGNING_PUB_FILE);
  const isLocal = existsSync(localPub) && fingerprintOfFile(localPub) === fingerprint;
  let matchesGiven = false;
  if (givenKeyFile) matchesGiven = fingerprintOfFile(givenKeyFile) === fingerprint;
  const whose = givenKeyFile
    ? matchesGiven
      ? `the key in ${givenKeyFile}`
      : `NOT the key in ${givenKeyFile}`
    : isLocal
      ? "this lab's key"
      : 'a key other than this lab\'s';
  return { text: `key ${fingerprint} (${whose})`, isLocal, matchesGiven };
}

function fingerprintOfFile(file: string): string {
  try {
    return describePublicKey(readPublicKeyFile(file)).fingerprint;
  } catch (e) {
    if (e instanceof SigningKeyError) throw new UserError(`${e.message}. Give a PEM public key file.`);
    throw e;
  }
}

function formatResult(runDir: string, r: VerifyResult, keyText: string, keyOk: boolean, ts: { ok: boolean; text?: string }): string {
  const tsLine = ts.text ? `  timestamp: ${ts.text}\n` : '';
  if (r.ok && keyOk && ts.ok) {
    return `OK ${runDir}: ${r.fileCount} files unchanged since ${r.createdAt}, signature valid, ${keyText}\n${tsLine}`;
  }
  const lines = [`FAILED ${runDir}:`];
  if (!ts.ok) lines.push(`  timestamp: ${ts.text}`);
  if (!r.signatureValid) lines.push('  signature: INVALID (manifest.json was altered or not signed by the key it names)');
  if (!keyOk) lines.push(`  signer: ${keyText}`);
  for (const p of r.changed) lines.push(`  changed: ${p}`);
  for (const p of r.added) lines.push(`  added:   ${p}`);
  for (const p of r.removed) lines.push(`  removed: ${p}`);
  lines.push(
    `  ${r.fileCount} files in manifest; ${r.changed.length} changed, ${r.added.length} added, ${r.removed.length} removed; ${keyText}`,
  );
  return lines.join('\n') + '\n';
}
