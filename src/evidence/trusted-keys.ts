// The keys a lab pins: its own signing key, and public keys it imported (another lab's, an earlier
// key of its own). verify trusts a manifest only when one of these signed it, because the manifest
// carries its signer's public key and anyone can sign with a fresh key.

import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { privlabHome } from '../core/config-dir.ts';
import { describePublicKey, readPublicKeyFile, SIGNING_PUB_FILE, SigningKeyError } from './signing-key.ts';

export const TRUSTED_KEYS_DIR = 'trusted-keys';

export interface PinnedKey {
  fingerprint: string;
  /** 'own' for the lab's signing key; else the name given at import. */
  name: string;
  file: string;
}

/** The lab's own key (when it has one) and every imported key. Never creates a key. */
export function pinnedKeys(home: string = privlabHome()): PinnedKey[] {
  const out: PinnedKey[] = [];
  const own = join(home, SIGNING_PUB_FILE);
  if (existsSync(own)) out.push({ fingerprint: fingerprintOfFile(own), name: 'own', file: own });
  const dir = join(home, TRUSTED_KEYS_DIR);
  if (!existsSync(dir)) return out;
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.pub')).sort()) {
    const file = join(dir, f);
    out.push({ fingerprint: fingerprintOfFile(file), name: f.replace(/\.pub$/, ''), file });
  }
  return out;
}

/** Imports a PEM public key under a name (default: the file's fingerprint); returns the pin. */
export function trustKey(pubFile: string, name?: string, home: string = privlabHome()): PinnedKey {
  const key = readPublicKeyFile(pubFile);
  if (key.asymmetricKeyType !== 'ed25519') throw new SigningKeyError(pubFile, `holds a ${key.asymmetricKeyType} key; privlab manifests are signed with Ed25519`);
  const { fingerprint } = describePublicKey(key);
  const label = name ?? fingerprint.replace(/^SHA256:/, '').replace(/[^A-Za-z0-9]/g, '').slice(0, 16);
  if (!/^[A-Za-z0-9._-]{1,64}$/.test(label)) throw new SigningKeyError(pubFile, `"${label}" is not a usable key name (letters, digits, . _ -)`);
  const existing = pinnedKeys(home).find((k) => k.fingerprint === fingerprint);
  if (existing) return existing;
  const dir = join(home, TRUSTED_KEYS_DIR);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = join(dir, `${label}.pub`);
  if (existsSync(file)) throw new SigningKeyError(file, 'exists with another key; choose another name');
  writeFileSync(file, key.export({ type: 'spki', format: 'pem' }).toString(), { mode: 0o644, flag: 'wx' });
  return { fingerprint, name: label, file };
}

export function fingerprintOfFile(file: string): string {
  return describePublicKey(readPublicKeyFile(file)).fingerprint;
}

export interface SignerTrust {
  trusted: boolean;
  /** Who the signer is, for the user: "this lab's key", "pinned key <name>", "the key in <file>", or why not trusted. */
  text: string;
}

/**
 * Whether a manifest signed by `fingerprint` is trusted. With keyFile, exactly that key must have signed
 * (the pins are not consulted); without, the signer must be pinned.
 */
export function signerTrust(fingerprint: string, keyFile?: string, home: string = privlabHome()): SignerTrust {
  if (keyFile) {
    return fingerprintOfFile(keyFile) === fingerprint
      ? { trusted: true, text: `the key in ${keyFile}` }
      : { trusted: false, text: `NOT the key in ${keyFile}` };
  }
  const pin = pinnedKeys(home).find((k) => k.fingerprint === fingerprint);
  if (!pin) return { trusted: false, text: 'NOT a pinned key (not this lab\'s, not imported with `privlab keys trust`)' };
  return { trusted: true, text: pin.name === 'own' ? "this lab's key" : `pinned key "${pin.name}"` };
}
