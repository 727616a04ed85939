// `privlab verify <run-dir>`: checks a run directory against its signed manifest.

import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { privlabHome } from '../../core/config-dir.ts';
import { ManifestError, verifyRun, type VerifyResult } from '../../evidence/manifest.ts';
import { describePublicKey, readPublicKeyFile, SIGNING_PUB_FILE, SigningKeyError } from '../../evidence/signing-key.ts';
import { UserError } from '../errors.ts';

export function register(program: Command): void {
  program
    .command('verify')
    .description(
      'Check that a run directory is exactly as it was signed: every file listed in manifest.json has the same\n' +
        'SHA-256 and size, no file was added or removed, and the Ed25519 signature holds. Exits 0 when intact,\n' +
        '1 when anything differs or the signature is bad, 2 when the run cannot be checked (no manifest).',
    )
    .argument('<run-dir>', 'the run directory (holding run.json and manifest.json)')
    .option('--key <pub-file>', 'also require the manifest to be signed by this public key (PEM, e.g. a lab\'s signing.pub)')
    .option('--json', 'print the result as JSON instead of text')
    .action(async (runDir: string, opts: { key?: string; json?: boolean }) => {
      const result = await checkRun(runDir);
      const keyNote = describeSigner(result.keyFingerprint, opts.key);
      const keyOk = !opts.key || keyNote.matchesGiven;
      if (opts.json) {
        process.stdout.write(JSON.stringify({ ...result, ok: result.ok && keyOk, localKey: keyNote.isLocal }, null, 2) + '\n');
      } else {
        process.stdout.write(formatResult(runDir, result, keyNote.text, keyOk));
      }
      if (!result.ok || !keyOk) process.exitCode = 1;
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

function formatResult(runDir: string, r: VerifyResult, keyText: string, keyOk: boolean): string {
  if (r.ok && keyOk) {
    return `OK ${runDir}: ${r.fileCount} files unchanged since ${r.createdAt}, signature valid, ${keyText}\n`;
  }
  const lines = [`FAILED ${runDir}:`];
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
