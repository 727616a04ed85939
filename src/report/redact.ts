// Redaction of every text a report writes. Secrets (pi-types.yaml `secret`: passwords, one-time codes) are always masked;
// with a key, every other PI value is replaced by a keyed hash so a shared report still shows where
// the same value went, without showing it. Values are also caught in the encodings apps use to
// send them (URL, base64, hex, JSON \u escapes, md5/sha1/sha256 hex).

import { createHash, createHmac } from 'node:crypto';
import type { Catalogs } from '../core/catalog.ts';
import { loadCatalogs, secretPiTypes } from '../core/catalog-loader.ts';
import type { Observation } from '../core/observation.ts';
import type { StoredPersona } from '../core/evidence-record.ts';
import type { Persona } from '../core/target.ts';
import { SECRET_PERSONA_FIELDS } from '../core/target.ts';
import { personaKeyFor, secretLookup, secretsIn, type SecretHit } from '../evidence/persona-secrets.ts';

export interface RedactOptions {
  /** Key of the HMAC that replaces PI values; keep it in the lab to re-identify values later. */
  key: string;
}

/** Shorter values are not replaced: they would hit unrelated text (a gender "男", a 2-digit age). */
export const MIN_REDACTED_LENGTH = 3;
/** Longer values (image data) are not matched: decoded binaries never reach report text whole. */
const MAX_REDACTED_LENGTH = 4096;

/** Persona fields and the PI type slug their value is. */
const PERSONA_PI_TYPES: Record<string, string> = {
  name: 'real_name',
  username: 'account_id',
  phone: 'phone_number',
  idNumber: 'id_number',
  email: 'email',
  birthDate: 'birth_date',
  gender: 'gender',
  password: 'password',
  smsCode: 'sms_code',
};

export interface EncodedForm {
  /** '' for the value as is, else the encoding's name. */
  encoding: string;
  text: string;
}

/** The value and the forms it commonly takes in traffic. Hash and hex forms in both letter cases. */
export function encodedForms(value: string): EncodedForm[] {
  const utf8 = Buffer.from(value, 'utf8');
  const forms: EncodedForm[] = [{ encoding: '', text: value }];
  const add = (encoding: string, text: string): void => {
    if (text && !forms.some((f) => f.text === text)) forms.push({ encoding, text });
  };
  const uri = encodeURIComponent(value);
  add('url', uri);
  add('url', uri.replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase()));
  add('url', uri.replace(/%20/g, '+'));
  add('url', escape(value));
  const b64 = utf8.toString('base64');
  add('base64', b64);
  add('base64', b64.replace(/=+$/, ''));
  add('base64', utf8.toString('base64url'));
  const hex = utf8.toString('hex');
  add('hex', hex);
  add('hex', hex.toUpperCase());
  for (const alg of ['md5', 'sha1', 'sha256'] as const) {
    const h = createHash(alg).update(utf8).digest('hex');
    add(alg, h);
    add(alg, h.toUpperCase());
  }
  if (/[^\x20-\x7e]/.test(value)) {
    const esc = (upper: boolean): string =>
      value.replace(/[^\x20-\x7e]/g, (c) => {
        const h = c.charCodeAt(0).toString(16).padStart(4, '0');
        return `\\u${upper ? h.toUpperCase() : h}`;
      });
    add('json', esc(false));
    add('json', esc(true));
  }
  const html = value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  add('html', html);
  return forms;
}

interface Target {
  value: string;
  piType: string;
  secret: boolean;
}

/** Replaces literal strings in one pass, longest first, so a value inside a longer one never splits it. */
class LiteralReplacer {
  private readonly re: RegExp | undefined;
  constructor(private readonly map: Map<string, string>) {
    const keys = [...map.keys()].sort((a, b) => b.length - a.length);
    this.re = keys.length ? new RegExp(keys.map(escapeRegExp).join('|'), 'g') : undefined;
  }
  apply(s: string): string {
    return this.re ? s.replace(this.re, (m) => this.map.get(m) ?? m) : s;
  }
}

export class Redactor {
  private readonly text16: LiteralReplacer;
  private readonly latin1: LiteralReplacer;

  constructor(
    targets: Target[],
    /** Whether PI values (not only secrets) are replaced. */
    readonly keyed: boolean,
    key?: string,
    /** Finds the persona's hashed secrets in a text (their clear value is not known here). */
    private readonly findSecrets?: (s: string) => string[],
  ) {
    const map = new Map<string, string>();
    // Secrets first so a value that is both a secret and PI is masked as a secret.
    const ordered = [...targets].sort((a, b) => Number(b.secret) - Number(a.secret));
    for (const t of ordered) {
      if (!t.secret && !keyed) continue;
      const token = t.secret
        ? `‹secret:${t.piType}›`
        : `‹PI:${t.piType}:${createHmac('sha256', key ?? '').update(t.value).digest('hex').slice(0, 6)}`;
      for (const f of encodedForms(t.value)) {
        if (map.has(f.text)) continue;
        map.set(f.text, t.secret ? token : `${token}${f.encoding ? `|${f.encoding}` : ''}›`);
      }
    }
    this.text16 = new LiteralReplacer(map);
    const bin = new Map<string, string>();
    for (const [k, v] of map) bin.set(Buffer.from(k, 'utf8').toString('latin1'), Buffer.from(v, 'utf8').toString('latin1'));
    this.latin1 = new LiteralReplacer(bin);
  }

  /** Screenshots can show typed PI: a keyed (shareable) report leaves them out. */
  get omitsScreenshots(): boolean {
    return this.keyed;
  }

  text(s: string): string {
    return this.text16.apply(this.maskSecrets(s));
  }

  private maskSecrets(s: string): string {
    let out = s;
    for (const x of this.findSecrets?.(s) ?? []) out = out.split(x).join('‹secret›');
    return out;
  }

  /** For bytes that may not be UTF-8 (bodies): matches the values' UTF-8 bytes anywhere. */
  bytes(b: Buffer): Buffer {
    return Buffer.from(this.latin1.apply(this.maskSecrets(b.toString('latin1'))), 'latin1');
  }

  /** Redacts every string (keys included) of a JSON-like value. */
  deep<T>(value: T): T {
    return deepMap(value, (s) => this.text(s)) as T;
  }
}

/** A persona as run.json holds it: one whose secrets were hashed has no password or code in clear here. */
type RedactedPersona = Partial<Persona> & Pick<StoredPersona, 'secretHashes'>;

/**
 * The values to hide: every persona's (a template persona's and each variant's expansion, run.ts runPersonas)
 * and every observed value; secrets by persona field or by the catalog's `secret` types.
 */
export function createRedactor(
  personas: readonly RedactedPersona[],
  observations: Iterable<Observation>,
  opts?: RedactOptions,
  catalogs: Pick<Catalogs, 'piTypes'> = loadCatalogs(),
): Redactor {
  const targets: Target[] = [];
  const seen = new Set<string>();
  const push = (value: unknown, piType: string, secret: boolean): void => {
    if (typeof value !== 'string') return;
    const v = value.trim();
    if (v.length < MIN_REDACTED_LENGTH || v.length > MAX_REDACTED_LENGTH) return;
    const k = `${secret}\0${v}`;
    if (seen.has(k)) return;
    seen.add(k);
    targets.push({ value: v, piType, secret });
  };
  const secretFields = new Set<string>(SECRET_PERSONA_FIELDS);
  const secretTypes = secretPiTypes(catalogs);
  for (const persona of personas) {
    for (const [field, value] of Object.entries(persona)) {
      const piType = PERSONA_PI_TYPES[field];
      if (piType) push(value, piType, secretFields.has(field));
    }
    for (const [piType, value] of Object.entries(persona.extra ?? {})) push(value, piType, secretTypes.has(piType));
  }
  for (const o of observations) push(o.value, o.piType, secretTypes.has(o.piType));
  const lookups = personas.flatMap((p) => {
    const key = p.secretHashes && personaKeyFor(p.secretHashes);
    return p.secretHashes && key ? [secretLookup(p.secretHashes, key)] : [];
  });
  const lookup = (candidate: string): SecretHit | undefined => {
    for (const l of lookups) {
      const hit = l(candidate);
      if (hit) return hit;
    }
    return undefined;
  };
  return new Redactor(targets, opts !== undefined, opts?.key, lookups.length ? (s) => secretsIn(s, lookup) : undefined);
}

function deepMap(value: unknown, f: (s: string) => string): unknown {
  if (typeof value === 'string') return f(value);
  if (Array.isArray(value)) return value.map((v) => deepMap(v, f));
  if (value && typeof value === 'object' && !Buffer.isBuffer(value)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [f(k), deepMap(v, f)]));
  }
  return value;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
