// manifest.json: the SHA-256 and size of every evidence file of a run, signed with the lab's Ed25519
// key, so anyone holding the run directory can tell whether a byte of it changed since.
//
// Evidence is every file in the run directory except what is derived from it and re-generated:
// manifest.json itself, its RFC 3161 token manifest.tsr, and the rendered report folders
// allure-report/ and lab-report/. So run.json, timeline.jsonl, flows.jsonl, bodies/*, screenshots/*,
// observations.jsonl, findings.json, allure-results/* and capture.har are all covered, and any
// file dropped in later shows up as "added".

import { createHash, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { createReadStream, existsSync, lstatSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { PRIVLAB_VERSION } from '../core/version.ts';
import { canonicalJson } from './canonical-json.ts';
import { RUN_FILES } from './run-layout.ts';
import { describePublicKey, loadOrCreateSigningKey, type SigningKey } from './signing-key.ts';

export const MANIFEST_FORMAT = 'privlab-manifest/1';
export const TIMESTAMP_FILE = 'manifest.tsr';
/** Paths (relative, '/'-separated) left out of the manifest: the manifest's own files and derived reports. */
export const MANIFEST_EXCLUDED = [RUN_FILES.manifest, TIMESTAMP_FILE, `${RUN_FILES.allureReport}/`, 'lab-report/'] as const;

export interface ManifestFile {
  path: string;
  size: number;
  sha256: string;
}

export interface ManifestBody {
  format: typeof MANIFEST_FORMAT;
  runId: string;
  createdAt: string;
  privlabVersion: string;
  excluded: string[];
  files: ManifestFile[];
  publicKey: { algorithm: 'ed25519'; pem: string; raw: string; fingerprint: string };
}

export interface Manifest {
  body: ManifestBody;
  /** Ed25519 over the UTF-8 bytes of canonicalJson(body). */
  signature: { algorithm: 'ed25519'; value: string };
}

export class ManifestError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(`${file}: ${message}`);
    this.name = 'ManifestError';
  }
}

export interface WriteManifestOptions {
  /** Key to sign with; default the lab key in privlabHome(). */
  key?: SigningKey;
  now?: Date;
}

export async function writeManifest(runDir: string, opts: WriteManifestOptions = {}): Promise<{ path: string; sha256: string }> {
  const key = opts.key ?? loadOrCreateSigningKey();
  const body: ManifestBody = {
    format: MANIFEST_FORMAT,
    runId: readRunId(runDir),
    createdAt: (opts.now ?? new Date()).toISOString(),
    privlabVersion: PRIVLAB_VERSION,
    excluded: [...MANIFEST_EXCLUDED],
    files: await hashTree(runDir),
    publicKey: { algorithm: 'ed25519', pem: key.publicPem, raw: key.publicRaw, fingerprint: key.fingerprint },
  };
  const signature = sign(null, Buffer.from(canonicalJson(body)), key.privateKey).toString('base64');
  const manifest: Manifest = { body, signature: { algorithm: 'ed25519', value: signature } };
  const text = JSON.stringify(manifest, null, 2) + '\n';
  const path = join(runDir, RUN_FILES.manifest);
  writeFileSync(`${path}.tmp`, text);
  renameSync(`${path}.tmp`, path);
  return { path, sha256: createHash('sha256').update(text).digest('hex') };
}

export interface VerifyResult {
  /** True only when nothing changed, nothing was added or removed, and the signature holds. */
  ok: boolean;
  changed: string[];
  added: string[];
  removed: string[];
  signatureValid: boolean;
  /** Fingerprint of the key in the manifest (who signed, if you trust that key). */
  keyFingerprint: string;
  /** Files listed in the manifest. */
  fileCount: number;
  runId: string;
  createdAt: string;
}

export async function verifyRun(runDir: string): Promise<VerifyResult> {
  const manifest = readManifest(runDir);
  const listed = new Map(manifest.body.files.map((f) => [f.path, f]));
  const changed: string[] = [];
  const added: string[] = [];
  for (const f of await hashTree(runDir)) {
    const before = listed.get(f.path);
    if (!before) added.push(f.path);
    else if (before.sha256 !== f.sha256 || before.size !== f.size) changed.push(f.path);
    listed.delete(f.path);
  }
  const removed = [...listed.keys()];
  const signatureValid = checkSignature(manifest);
  return {
    ok: signatureValid && !changed.length && !added.length && !removed.length,
    changed,
    added,
    removed,
    signatureValid,
    keyFingerprint: manifest.body.publicKey.fingerprint,
    fileCount: manifest.body.files.length,
    runId: manifest.body.runId,
    createdAt: manifest.body.createdAt,
  };
}

export function readManifest(runDir: string): Manifest {
  const path = join(runDir, RUN_FILES.manifest);
  if (!existsSync(path)) {
    throw new ManifestError(path, 'missing: this run was never signed (a manifest is written when its report is made)');
  }
  let m: Manifest;
  try {
    m = JSON.parse(readFileSync(path, 'utf8')) as Manifest;
  } catch (e) {
    throw new ManifestError(path, `is not valid JSON (${(e as Error).message})`);
  }
  if (m?.body?.format !== MANIFEST_FORMAT || !Array.isArray(m.body.files) || typeof m.signature?.value !== 'string') {
    throw new ManifestError(path, `is not a ${MANIFEST_FORMAT} manifest`);
  }
  return m;
}

/** The signature must verify under the key the manifest names, and that key must match its own fingerprint. */
function checkSignature(m: Manifest): boolean {
  let publicKey: KeyObject;
  try {
    publicKey = createPublicKey(m.body.publicKey.pem);
  } catch {
    return false;
  }
  if (publicKey.asymmetricKeyType !== 'ed25519') return false;
  const { publicRaw, fingerprint } = describePublicKey(publicKey);
  if (publicRaw !== m.body.publicKey.raw || fingerprint !== m.body.publicKey.fingerprint) return false;
  try {
    return verify(null, Buffer.from(canonicalJson(m.body)), publicKey, Buffer.from(m.signature.value, 'base64'));
  } catch {
    return false;
  }
}

function readRunId(runDir: string): string {
  try {
    const info = JSON.parse(readFileSync(join(runDir, RUN_FILES.run), 'utf8')) as { id?: unknown };
    if (typeof info.id === 'string') return info.id;
  } catch {
    // No readable run.json: the folder name is the run id by construction.
  }
  return basename(runDir);
}

function isExcluded(rel: string): boolean {
  return MANIFEST_EXCLUDED.some((x) => (x.endsWith('/') ? rel.startsWith(x) : rel === x));
}

/** Every evidence file under runDir, sorted by path; bodies are hashed as streams. Symlinks are refused. */
async function hashTree(runDir: string): Promise<ManifestFile[]> {
  const out: ManifestFile[] = [];
  const walk = async (rel: string): Promise<void> => {
    for (const name of readdirSync(join(runDir, rel)).sort()) {
      const childRel = rel ? `${rel}/${name}` : name;
      const abs = join(runDir, childRel);
      const st = lstatSync(abs);
      if (st.isDirectory()) {
        if (!isExcluded(`${childRel}/`)) await walk(childRel);
      } else if (isExcluded(childRel)) {
        continue;
      } else if (st.isFile()) {
        out.push({ path: childRel, size: st.size, sha256: await hashFile(abs) });
      } else {
        // A symlink or device could point anywhere outside the run: its "content" is not evidence.
        throw new ManifestError(abs, 'is not a regular file; a run directory holds only files and folders');
      }
    }
  };
  await walk('');
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

function hashFile(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const h = createHash('sha256');
    createReadStream(path)
      .on('data', (chunk) => h.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(h.digest('hex')));
  });
}
