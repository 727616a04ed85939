// The persona's own values (run.json persona) found in traffic: plain, URL-encoded, base64, hex,
// and md5/sha1/sha256 digests in either case. The strongest evidence there is: these values were
// typed into the app by the harness, so finding them proves the app sent them.

import { createHash } from 'node:crypto';
import type { CodePiSlug } from '../../core/pi-slugs.ts';
import type { SecretHashes, StoredPersona } from '../../core/evidence-record.ts';
import type { VariantName } from '../../core/phase.ts';
import type { Persona } from '../../core/target.ts';
import { personaKeyFor, secretLookup } from '../../evidence/persona-secrets.ts';
import type { Detection } from './detection.ts';

/** Persona fields and the PI type each one is. extra is keyed by PI type already. */
const FIELD_TYPES: Array<[keyof Persona, CodePiSlug]> = [
  ['phone', 'phone_number'],
  ['name', 'real_name'],
  ['username', 'account_id'],
  ['idNumber', 'id_number'],
  ['email', 'email'],
  ['birthDate', 'birth_date'],
  ['password', 'password'],
  ['smsCode', 'sms_code'],
];

/** Values shorter than this (and secrets) only count when they are a field's whole value. */
const MIN_SUBSTRING_CHARS = 5;
const MIN_SUBSTRING_CJK = 2;

/** A hex run long enough to be a digest, and the MD5, SHA-1 and SHA-256 digests in a text. */
const HEX32 = /[0-9a-fA-F]{32}/;
const DIGESTS_IN_TEXT = /(?<![0-9a-fA-F])(?:[0-9a-fA-F]{64}|[0-9a-fA-F]{40}|[0-9a-fA-F]{32})(?![0-9a-fA-F])/g;

interface Needle {
  text: string;
  piType: string;
  field: string;
  form: string;
  /** Must equal the whole (trimmed) value rather than appear in it. */
  whole: boolean;
}

export interface PersonaMatcher {
  match(text: string): Detection[];
}

function variantsOf(field: string, value: string): string[] {
  const v = value.trim();
  const out = new Set([v]);
  if (field === 'phone') {
    const d = v.replace(/\D/g, '').replace(/^86(?=1\d{10}$)/, '');
    out.add(d);
    out.add(`+86${d}`);
    out.add(`86${d}`);
    out.add(`${d.slice(0, 3)} ${d.slice(3, 7)} ${d.slice(7)}`);
    out.add(`${d.slice(0, 3)}-${d.slice(3, 7)}-${d.slice(7)}`);
  }
  if (field === 'idNumber') out.add(v.toLowerCase()).add(v.toUpperCase());
  if (field === 'email') out.add(v.toLowerCase());
  const date = /^(\d{4})[-/.年]?(\d{1,2})[-/.月]?(\d{1,2})日?$/.exec(v);
  if (field === 'birthDate' && date) {
    const [, y, m, d] = date as unknown as [string, string, string, string];
    const mm = m.padStart(2, '0');
    const dd = d.padStart(2, '0');
    for (const f of [`${y}-${mm}-${dd}`, `${y}${mm}${dd}`, `${y}/${mm}/${dd}`, `${y}.${mm}.${dd}`, `${y}年${mm}月${dd}日`, `${y}年${Number(m)}月${Number(d)}日`]) out.add(f);
  }
  return [...out].filter(Boolean);
}

const isCjk = (s: string): boolean => /^[\p{Script=Han}·]+$/u.test(s);

function hashHex(algo: string, s: string): string {
  return createHash(algo).update(s, 'utf8').digest('hex');
}

/**
 * Parts a value is often split into, each matched only as a field's whole value: the family and given
 * name (李 | 晓明, Peter | Gibbons), the phone number without its first three digits is not one (too weak).
 */
function partsOf(field: string, value: string): string[] {
  const v = value.trim();
  if (field !== 'name') return [];
  if (/\s/.test(v)) return v.split(/\s+/).filter((w) => w.length >= 2);
  if (isCjk(v) && v.length >= 3) return [v.slice(0, 1), v.slice(1)];
  return [];
}

/** A run's personas for analysis: each variant's own values (a template persona), or one persona for every flow. */
export interface RunPersonaSet {
  persona?: StoredPersona;
  byVariant?: Partial<Record<VariantName, StoredPersona>>;
}

/**
 * The matcher for the flows of a variant. With a template persona each variant registers its own account, and
 * a flow is searched for its own variant's values: findings are judged per variant against what that variant
 * consented to, and another variant's e-mail in this variant's traffic is state carried over (a cookie, the
 * server linking accounts, an incomplete reset), not something this variant's consent let the app collect, so
 * it must not count as the persona's value here (shape detectors still see an e-mail as an e-mail). A flow
 * outside every variant (set-up before the first) is searched for all variants' values.
 */
export function variantPersonaMatchers(set: RunPersonaSet): (variant: VariantName | null | undefined) => PersonaMatcher {
  const byVariant = Object.entries(set.byVariant ?? {}) as Array<[VariantName, StoredPersona]>;
  if (!byVariant.length) {
    const one = personaMatcher(set.persona);
    return () => one;
  }
  const own = new Map(byVariant.map(([v, p]) => [v, personaMatcher(p)]));
  const all = personaMatcher(byVariant.map(([, p]) => p));
  return (variant) => (variant ? own.get(variant) : undefined) ?? all;
}

/** persona: the honey values themselves, or run.json's persona whose secrets are keyed hashes; several are sought together. */
export function personaMatcher(persona: StoredPersona | readonly StoredPersona[] | undefined): PersonaMatcher {
  const personas: readonly StoredPersona[] = persona === undefined ? [] : Array.isArray(persona) ? persona : [persona as StoredPersona];
  const lookups = personas.flatMap((p) => (p.secretHashes ? [hashedSecrets(p.secretHashes)] : [])).filter((f) => f !== undefined);
  const hashed = lookups.length ? (text: string) => lookups.flatMap((f) => f(text)) : undefined;
  const needles: Needle[] = [];
  const digests = new Map<string, { piType: string; field: string; algo: string }>();
  const entries: Array<[string, string, string]> = [];
  for (const p of personas) {
    for (const [field, piType] of FIELD_TYPES) {
      const v = p[field];
      if (typeof v === 'string' && v.trim()) entries.push([field, piType, v]);
    }
    for (const [slug, v] of Object.entries(p.extra ?? {})) if (v.trim()) entries.push([`extra.${slug}`, slug, v]);
  }
  for (const [field, piType, value] of entries) {
    const secret = field === 'password' || field === 'smsCode';
    for (const v of variantsOf(field, value)) {
      const whole = secret || (isCjk(v) ? v.length < MIN_SUBSTRING_CJK : v.length < MIN_SUBSTRING_CHARS);
      const add = (text: string, form: string, w = whole): void => {
        if (text && !needles.some((n) => n.text === text && n.field === field)) needles.push({ text, piType, field, form, whole: w });
      };
      add(v, 'plain');
      const enc = encodeURIComponent(v);
      if (enc !== v) {
        add(enc, 'url-encoded');
        add(enc.replace(/%[0-9A-F]{2}/g, (x) => x.toLowerCase()), 'url-encoded');
      }
      const b64 = Buffer.from(v, 'utf8').toString('base64');
      // Encoded forms are long and specific even when the value is short.
      add(b64, 'base64', secret);
      add(b64.replace(/=+$/, ''), 'base64', secret);
      add(Buffer.from(v, 'utf8').toString('base64url'), 'base64url', secret);
      const hex = Buffer.from(v, 'utf8').toString('hex');
      add(hex, 'hex', secret);
      add(hex.toUpperCase(), 'hex', secret);
      for (const algo of ['md5', 'sha1', 'sha256']) {
        digests.set(hashHex(algo, v), { piType, field, algo });
        if (v !== v.toLowerCase()) digests.set(hashHex(algo, v.toLowerCase()), { piType, field, algo: `${algo} of the lower-cased value` });
      }
    }
    for (const part of partsOf(field, value)) {
      if (!needles.some((n) => n.text === part && n.field === field)) needles.push({ text: part, piType, field, form: 'part of the value', whole: true });
    }
  }
  // Longest first, so +8613800138000 is matched before 13800138000.
  needles.sort((a, b) => b.text.length - a.text.length);
  const substringNeedles = needles.filter((n) => !n.whole);
  const wholeNeedles = new Map<string, Needle>();
  for (const n of needles) if (!wholeNeedles.has(n.text)) wholeNeedles.set(n.text, n);
  const anyNeedle = substringNeedles.length
    ? new RegExp(substringNeedles.map((n) => n.text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g')
    : undefined;
  const byText = new Map(substringNeedles.map((n) => [n.text, n]));

  return {
    // Runs once per text leaf of a capture: no closures or throwaway arrays here.
    match(text: string): Detection[] {
      if (entries.length === 0 && !hashed) return [];
      const out: Detection[] = [];
      if (hashed) for (const d of hashed(text)) add(out, d.piType, d.value, d.field, d.form, d.confidence);
      const trimmed = text.trim();
      const whole = wholeNeedles.get(trimmed);
      if (whole) add(out, whole.piType, trimmed, whole.field, whole.form, 0.99);
      if (anyNeedle) {
        anyNeedle.lastIndex = 0;
        let n = 0;
        for (let m = anyNeedle.exec(text); m && n < 50; m = anyNeedle.exec(text), n++) {
          const needle = byText.get(m[0]);
          if (needle && bounded(text, m.index, m[0])) add(out, needle.piType, m[0], needle.field, needle.form, needle.form === 'plain' ? 0.99 : 0.97);
        }
      }
      if (digests.size && HEX32.test(text)) {
        for (const m of text.matchAll(DIGESTS_IN_TEXT)) {
          const d = digests.get(m[0].toLowerCase());
          if (d) add(out, d.piType, m[0], d.field, `${d.algo}${m[0] === m[0].toUpperCase() ? ', upper case' : ''}`, 0.97);
        }
      }
      return out;
    },
  };
}

function add(out: Detection[], piType: string, value: string, field: string, form: string, confidence: number): void {
  if (out.some((d) => d.piType === piType)) return;
  out.push({ piType, value, detector: `persona:${form}`, evidence: `the persona's ${field} (${form})`, confidence });
}

/** A match counts only if it is not part of a longer word or number of the same kind of characters. */
function bounded(text: string, at: number, match: string): boolean {
  const before = text[at - 1];
  const after = text[at + match.length];
  const first = match[0] ?? '';
  const last = match[match.length - 1] ?? '';
  return !sameKind(before, first) && !sameKind(after, last);
}

function sameKind(c: string | undefined, ref: string): boolean {
  return c !== undefined && ((/[0-9A-Za-z]/.test(ref) && /[0-9A-Za-z]/.test(c)) || (/\p{Script=Han}/u.test(ref) && /\p{Script=Han}/u.test(c)));
}

/**
 * Secrets kept as keyed hashes: a whole value, or a hex digest inside a value, matches when its HMAC
 * is one of theirs. Without this lab's key (a run from another lab) secrets cannot be looked for.
 */
function hashedSecrets(hashes: SecretHashes): ((text: string) => Array<{ piType: string; value: string; field: string; form: string; confidence: number }>) | undefined {
  const key = personaKeyFor(hashes);
  if (!key) return undefined;
  const lookup = secretLookup(hashes, key);
  const piTypeOf = new Map(FIELD_TYPES);
  return (text) => {
    const out = [];
    const whole = lookup(text);
    if (whole) out.push({ piType: piTypeOf.get(whole.field) ?? whole.field, value: text.trim(), field: whole.field, form: whole.form, confidence: 0.99 });
    if (HEX32.test(text)) {
      for (const m of text.matchAll(DIGESTS_IN_TEXT)) {
        const hit = lookup(m[0]);
        if (hit) out.push({ piType: piTypeOf.get(hit.field) ?? hit.field, value: m[0], field: hit.field, form: hit.form, confidence: 0.97 });
      }
    }
    return out;
  };
}
