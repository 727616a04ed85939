// The lab's Ed25519 signing key: made once in the privlab config folder, reused for every manifest,
// so all runs of one lab carry the same key fingerprint.

import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { privlabHome } from '../core/config-dir.ts';

export const SIGNING_KEY_FILE = 'signing.key';
export const SIGNING_PUB_FILE = 'signing.pub';

export class SigningKeyError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(`${file}: ${message}`);
    this.name = 'SigningKeyError';
  }
}

export interface SigningKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** SPKI PEM of the public key. */
  publicPem: string;
  /** The 32 raw public key bytes, base64. */
  publicRaw: string;
  /** "SHA256:" + unpadded base64 of SHA-256 over the raw public key (the ssh-keygen style). */
  fingerprint: string;
  keyPath: string;
  pubPath: string;
}

/** Loads the lab key from `home` (default privlabHome()), making it on first use. */
export function loadOrCreateSigningKey(home: string = privlabHome()): SigningKey {
  const keyPath = join(home, SIGNING_KEY_FILE);
  const pubPath = join(home, SIGNING_PUB_FILE);
  if (!existsSync(keyPath)) createKeyFiles(keyPath);
  assertOwnerOnly(keyPath);
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(readFileSync(keyPath));
  } catch (e) {
    throw new SigningKeyError(keyPath, `is not a readable private key (${(e as Error).message}); move it away to make a new one`);
  }
  if (privateKey.asymmetricKeyType !== 'ed25519') {
    throw new SigningKeyError(keyPath, `holds a ${privateKey.asymmetricKeyType} key, not Ed25519; move it away to make a new one`);
  }
  const publicKey = createPublicKey(privateKey);
  const publicPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  // The private key is the authority: a missing or stale signing.pub is rewritten from it.
  if (!existsSync(pubPath) || readFileSync(pubPath, 'utf8') !== publicPem) writeFileSync(pubPath, publicPem, { mode: 0o644 });
  return { privateKey, publicKey, publicPem, ...describePublicKey(publicKey), keyPath, pubPath };
}

/** Raw bytes and fingerprint of an Ed25519 public key. */
export function describePublicKey(publicKey: KeyObject): { publicRaw: string; fingerprint: string } {
  const raw = Buffer.from(publicKey.export({ format: 'jwk' }).x ?? '', 'base64url');
  return { publicRaw: raw.toString('base64'), fingerprint: fingerprintOf(raw) };
}

export function fingerprintOf(rawPublicKey: Buffer): string {
  return `SHA256:${createHash('sha256').update(rawPublicKey).digest('base64').replace(/=+$/, '')}`;
}

/** Reads a public key from a PEM file (signing.pub or one a lab hands over). */
export function readPublicKeyFile(file: string): KeyObject {
  try {
    return createPublicKey(readFileSync(file));
  } catch (e) {
    throw new SigningKeyError(file, `is not a readable public key (${(e as Error).message})`);
  }
}

function createKeyFiles(keyPath: string): void {
  const { privateKey } = generateKeyPairSync('ed25519');
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' });
  try {
    // 'wx': never overwrite a key another process made a moment ago.
    writeFileSync(keyPath, pem, { mode: 0o600, flag: 'wx' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  }
}

function assertOwnerOnly(keyPath: string): void {
  const mode = statSync(keyPath).mode & 0o777;
  if (mode & 0o077) {
    throw new SigningKeyError(
      keyPath,
      `is readable by group or others (mode ${mode.toString(8).padStart(3, '0')}); run \`chmod 600 ${keyPath}\` and try again`,
    );
  }
}
