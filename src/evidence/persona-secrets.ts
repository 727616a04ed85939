// The persona's secrets (password, SMS code) never reach a run directory in clear: run.json keeps an
// HMAC of each form the secret may take in traffic (as typed, URL-encoded, base64, hex, md5/sha1/sha256
// hex), under a per-lab key kept outside the run directory. Analysis and report redaction find a
// secret by HMACing candidate strings and comparing.

import { createHash, createHmac, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { privlabHome } from '../core/config-dir.ts';
import type { SecretHashes, StoredPersona } from '../core/evidence-record.ts';
import type { Persona } from '../core/target.ts';

export const PERSONA_KEY_FILE = 'persona-secrets.key';

export interface PersonaKey {
  key: Buffer;
  id: string;
}

/** The lab's persona key (32 random bytes, owner-only), made on first use. */
export function loadOrCreatePersonaKey(home: string = privlabHome()): PersonaKey {
  const file = join(home, PERSONA_KEY_FILE);
  if (!existsSync(file)) {
    try {
      writeFileSync(file, randomBytes(32), { mode: 0o600, flag: 'wx' });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
  }
  return keyOf(readFileSync(file));
}

/** The key a run's hashes were made with, if this lab holds it. */
export function personaKeyFor(hashes: SecretHashes, home: string = privlabHome()): PersonaKey | undefined {
  const file = join(home, PERSONA_KEY_FILE);
  if (!existsSync(file)) return undefined;
  const k = keyOf(readFileSync(file));
  return k.id === hashes.keyId ? k : undefined;
}

function keyOf(key: Buffer): PersonaKey {
  return { key, id: createHash('sha256').update(key).digest('hex').slice(0, 16) };
}

/** The forms a secret takes in traffic; digests in lower case (matching lower-cases hex candidates). */
export function secretForms(value: string): Record<string, string> {
  const v = value.trim();
  const utf8 = Buffer.from(v, 'utf8');
  const forms: Record<string, string> = {
    plain: v,
    'url-encoded': encodeURIComponent(v),
    base64: utf8.toString('base64'),
    'base64 unpadded': utf8.toString('base64').replace(/=+$/, ''),
    base64url: utf8.toString('base64url'),
    hex: utf8.toString('hex'),
  };
  for (const algo of ['md5', 'sha1', 'sha256']) forms[algo] = createHash(algo).update(utf8).digest('hex');
  return forms;
}

const hmac = (key: Buffer, text: string): string => createHmac('sha256', key).update(text, 'utf8').digest('hex');

/** The persona as run.json stores it: secrets replaced by their forms' HMACs. */
export function protectPersona(persona: Persona, key: PersonaKey): StoredPersona {
  const { password, smsCode, ...rest } = persona;
  const secrets: SecretHashes['secrets'] = [];
  for (const [field, value] of [['password', password], ['smsCode', smsCode]] as const) {
    if (!value?.trim()) continue;
    const texts = Object.entries(secretForms(value));
    const forms = Object.fromEntries(texts.map(([form, text]) => [form, hmac(key.key, text)]));
    const lengths = [...new Set(texts.map(([, text]) => text.length))].sort((a, b) => a - b);
    secrets.push({ field, chars: [...value.trim()].length, lengths, forms });
  }
  return secrets.length ? { ...rest, secretHashes: { algorithm: 'hmac-sha256', keyId: key.id, secrets } } : rest;
}

export interface SecretHit {
  field: 'password' | 'smsCode';
  form: string;
}

/** Looks a candidate string up: is it (trimmed, or lower-cased for hex digests) one of the secrets' forms? */
export function secretLookup(hashes: SecretHashes, key: PersonaKey): (candidate: string) => SecretHit | undefined {
  const byHmac = new Map<string, SecretHit>();
  for (const s of hashes.secrets) for (const [form, h] of Object.entries(s.forms)) if (!byHmac.has(h)) byHmac.set(h, { field: s.field, form });
  const lengths = new Set(hashes.secrets.flatMap((s) => s.lengths));
  const longest = Math.max(...lengths);
  return (candidate) => {
    if (candidate.length > longest * 2) return undefined;
    const t = candidate.trim();
    if (!lengths.has(t.length)) return undefined;
    return byHmac.get(hmac(key.key, t)) ?? (/^[0-9A-F]+$/.test(t) ? byHmac.get(hmac(key.key, t.toLowerCase())) : undefined);
  };
}

/**
 * Candidate values in request text (JSON, forms, headers, query strings), split at delimiters; once
 * with '=' as a delimiter (key=value) and once without (base64 padding).
 */
const CANDIDATES = [/[^\s"'&=,:;{}[\]<>()?]+/g, /[^\s"'&,:;{}[\]<>()?]+/g];

/** The substrings of text that are a secret in one of its forms: for masking report text. */
export function secretsIn(text: string, lookup: (candidate: string) => SecretHit | undefined): string[] {
  const found = new Set<string>();
  const checked = new Set<string>(); // bodies repeat their tokens: hash each once
  for (const re of CANDIDATES) {
    for (const m of text.matchAll(re)) {
      if (checked.has(m[0])) continue;
      checked.add(m[0]);
      if (lookup(m[0])) found.add(m[0]);
    }
  }
  return [...found];
}
