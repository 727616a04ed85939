// Signed manifests: the SHA-256 and size of every file of a run, signed with the lab's Ed25519 key,
// so anyone holding the run directory can tell whether a byte of it changed since.
//
// A report is signed in two steps, because the lab report's cover prints a manifest hash and a file
// cannot carry the hash of a manifest that covers it:
//   evidence-manifest.json  the evidence and what analysis made of it (run.json, timeline, flows,
//                           bodies, screenshots, observations, analysis.json, findings.json, capture.har,
//                           ...): written before any report; its SHA-256 is on the lab report's cover.
//   manifest.json           everything in the run directory but itself and its timestamp token,
//                           reports included (the evidence manifest too): written last.
// `verify` checks manifest.json and says which files, if any, no manifest covers.

import { createHash, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { createReadStream, existsSync, lstatSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { PRIVLAB_VERSION } from '../core/version.ts';
import { canonicalJson } from './canonical-json.ts';
import { RUN_FILES } from './run-layout.ts';
import { describePublicKey, loadOrCreateSigningKey, type SigningKey } from './signing-key.ts';

export const MANIFEST_FORMAT = 'privlab-manifest/1';
export const TIMESTAMP_FILE = 'manifest.tsr';
export const EVIDENCE_MANIFEST_FILE = 'evidence-manifest.json';

export type ManifestScope = 'evidence' | 'run';

/** Paths (relative, '/'-separated; a trailing '/' is a folder) each kind of manifest leaves out. */
export const MANIFEST_EXCLUDED: Record<ManifestScope, readonly string[]> = {
  evidence: [RUN_FILES.manifest, TIMESTAMP_FILE, EVIDENCE_MANIFEST_FILE, `${RUN_FILES.allureResults}/`, `${RUN_FILES.allureReport}/`, 'lab-report/'],
  run: [RUN_FILES.manifest, TIMESTAMP_FILE],
};
const MANIFEST_FILE: Record<ManifestScope, string> = { evidence: EVIDENCE_MANIFEST_FILE, run: RUN_FILES.manifest };

export interface ManifestFile {
  path: string;
  size: number;
  sha256: string;
}

export interface ManifestBody {
  format: typeof MANIFEST_FORMAT;
  /** Absent in manifests written before scopes existed: those covered the evidence only. */
  scope?: ManifestScope;
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
  /** Default 'run': the final manifest over everything. */
  scope?: ManifestScope;
}

export async function writeManifest(runDir: string, opts: WriteManifestOptions = {}): Promise<{ path: string; sha256: string }> {
  const key = opts.key ?? loadOrCreateSigningKey();
  const scope = opts.scope ?? 'run';
  const excluded = MANIFEST_EXCLUDED[scope];
  const body: ManifestBody = {
    format: MANIFEST_FORMAT,
    scope,
    runId: readRunId(runDir),
    createdAt: (opts.now ?? new Date()).toISOString(),
    privlabVersion: PRIVLAB_VERSION,
    excluded: [...excluded],
    files: await hashTree(runDir, excluded),
    publicKey: { algorithm: 'ed25519', pem: key.publicPem, raw: key.publicRaw, fingerprint: key.fingerprint },
  };
  const signature = sign(null, Buffer.from(canonicalJson(body)), key.privateKey).toString('base64');
  const manifest: Manifest = { body, signature: { algorithm: 'ed25519', value: signature } };
  const text = JSON.stringify(manifest, null, 2) + '\n';
  const path = join(runDir, MANIFEST_FILE[scope]);
  writeFileSync(`${path}.tmp`, text, { mode: 0o600 });
  renameSync(`${path}.tmp`, path);
  return { path, sha256: createHash('sha256').update(text).digest('hex') };
}

export interface VerifyResult {
  /** True only when nothing changed, nothing was added or removed, and the signature holds. Says nothing of who signed. */
  ok: boolean;
  changed: string[];
  added: string[];
  removed: string[];
  /** Files in the run directory no manifest covers (the manifest itself, its timestamp, and what an old manifest left out). */
  notCovered: string[];
  signatureValid: boolean;
  /** Fingerprint of the key in the manifest: who signed. Whether that key is trusted is the caller's question. */
  keyFingerprint: string;
  /** Files listed in the manifest. */
  fileCount: number;
  runId: string;
  createdAt: string;
  scope: ManifestScope;
}

export async function verifyRun(runDir: string, scope: ManifestScope = 'run'): Promise<VerifyResult> {
  const manifest = readManifest(runDir, scope);
  // Old manifests carry no scope and covered the evidence only; their own excluded list says what.
  const excluded = manifest.body.excluded;
  const listed = new Map(manifest.body.files.map((f) => [f.path, f]));
  const changed: string[] = [];
  const added: string[] = [];
  for (const f of await hashTree(runDir, excluded)) {
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
    notCovered: listFiles(runDir).filter((p) => isExcluded(p, excluded)),
    signatureValid,
    keyFingerprint: manifest.body.publicKey.fingerprint,
    fileCount: manifest.body.files.length,
    runId: manifest.body.runId,
    createdAt: manifest.body.createdAt,
    scope: manifest.body.scope ?? 'evidence',
  };
}

export function readManifest(runDir: string, scope: ManifestScope = 'run'): Manifest {
  const path = join(runDir, MANIFEST_FILE[scope]);
  if (!existsSync(path)) {
    throw new ManifestError(path, 'missing: this run was never signed (a manifest is written when its report is made)');
  }
  let m: Manifest;
  try {
    m = JSON.parse(readFileSync(path, 'utf8')) as Manifest;
  } catch (e) {
    throw new ManifestError(path, `is not valid JSON (${(e as Error).message})`);
  }
  if (m?.body?.format !== MANIFEST_FORMAT || !Array.isArray(m.body.files) || !Array.isArray(m.body.excluded) || typeof m.signature?.value !== 'string') {
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

function isExcluded(rel: string, excluded: readonly string[]): boolean {
  return excluded.some((x) => (x.endsWith('/') ? rel.startsWith(x) : rel === x));
}

/** Every file path under runDir (relative, '/'-separated), sorted. */
function listFiles(runDir: string, rel = ''): string[] {
  const out: string[] = [];
  for (const name of readdirSync(join(runDir, rel)).sort()) {
    const childRel = rel ? `${rel}/${name}` : name;
    if (lstatSync(join(runDir, childRel)).isDirectory()) out.push(...listFiles(runDir, childRel));
    else out.push(childRel);
  }
  return out;
}

/** Every file under runDir not excluded, sorted by path; bodies are hashed as streams. Symlinks are refused. */
async function hashTree(runDir: string, excluded: readonly string[]): Promise<ManifestFile[]> {
  const out: ManifestFile[] = [];
  const walk = async (rel: string): Promise<void> => {
    for (const name of readdirSync(join(runDir, rel)).sort()) {
      const childRel = rel ? `${rel}/${name}` : name;
      const abs = join(runDir, childRel);
      const st = lstatSync(abs);
      if (st.isDirectory()) {
        if (!isExcluded(`${childRel}/`, excluded)) await walk(childRel);
      } else if (isExcluded(childRel, excluded)) {
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
