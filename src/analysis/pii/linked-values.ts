// Links values across the whole capture: a value found in plain anywhere in the run (a phone number in a
// login form, an IMEI in an SDK report) is also sought everywhere else as its MD5, SHA-1 or SHA-256 (of the
// common spellings, either case), and identifiers are sought as the same string under any field name. So a
// hashed phone number in an ad SDK's call, or a GAID reused as a user id, is tied to the plain one.

import { createHash } from 'node:crypto';
import type { Observation } from '../../core/observation.ts';
import type { Leaf } from '../decode/leaf.ts';

/** Types worth linking: identifiers and contact details, whose hashes SDKs send to match users. */
const LINKED_TYPES = new Set([
  'phone_number', 'email', 'id_number', 'bank_card_number', 'imei', 'meid', 'imsi', 'iccid', 'android_id', 'oaid', 'idfa',
  'idfv', 'gaid', 'advertising_id', 'mac_address', 'serial_number',
]);
/** Identifiers long and random enough that the same string elsewhere is the same identifier. */
const PLAIN_LINK_MIN = 15;
const DIGEST = /^(?:[0-9a-f]{32}|[0-9a-f]{40}|[0-9a-f]{64})$/i;
const ALGOS = ['md5', 'sha1', 'sha256'] as const;
/** Bounds: a capture of any size keeps at most this many candidates and known values in memory. */
const MAX_CANDIDATES = 200_000;
const MAX_KNOWN = 50_000;

export type LinkTemplate = Omit<Observation, 'id' | 'piType' | 'value' | 'detector' | 'evidence' | 'confidence'>;

/**
 * Shapes a copied identifier has (the types linked): a UUID (advertising and vendor ids, OAID), 15-16 hex
 * (Android ID), 14-20 digits (IMEI, IMSI, ICCID, cards), 15+ characters with an @ or + (e-mail, phone).
 * Ids of events, sessions and requests rarely have these shapes, so a capture keeps few candidates.
 */
const IDENTIFIER_SHAPE = /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9a-f]{15,16}|\d{14,20}|[^\s@]+@[^\s@]+|\+\d{12,15})$/i;

/** A digest as a segment of a link's path (Gravatar's avatar/<md5 of the e-mail>, a CDN's per-user file). */
const DIGEST_IN_LINK = /^https?:\/\/[^/?#\s]+\/(?:[^?#\s]*\/)?([0-9a-f]{32}|[0-9a-f]{40}|[0-9a-f]{64})(?:[/?#.]|$)/i;

/** The leaf's value if it could be a digest or a copied identifier (so worth keeping as a candidate). */
export function candidateValue(leaf: Pick<Leaf, 'value'>): string | undefined {
  // Length first: most leaves are too short to be an identifier, and trimming cannot lengthen one.
  if (typeof leaf.value !== 'string' || leaf.value.length < PLAIN_LINK_MIN) return undefined;
  const v = leaf.value.trim();
  if (v.length > 64) return v.length <= 2048 ? DIGEST_IN_LINK.exec(v)?.[1] : undefined;
  if (v.length < PLAIN_LINK_MIN) return undefined;
  return DIGEST.test(v) || IDENTIFIER_SHAPE.test(v) ? v : DIGEST_IN_LINK.exec(v)?.[1];
}

interface Known {
  piType: string;
  flowId: string;
  path: string;
  how: string;
}

function spellings(piType: string, value: string): string[] {
  const v = value.trim();
  const out = new Set([v, v.toLowerCase(), v.toUpperCase()]);
  if (piType === 'phone_number') {
    const d = v.replace(/\D/g, '').replace(/^86(?=1\d{10}$)/, '');
    out.add(d).add(`86${d}`).add(`+86${d}`);
  }
  if (piType === 'mac_address') {
    const hex = v.replace(/[:-]/g, '').toLowerCase();
    const colon = hex.replace(/(..)(?!$)/g, '$1:');
    for (const x of [hex, colon]) out.add(x).add(x.toUpperCase());
  }
  return [...out].filter(Boolean);
}

export class LinkedValues {
  private readonly digests = new Map<string, Known>();
  private readonly plain = new Map<string, Known>();
  private readonly registered = new Set<string>();
  private readonly candidates: Array<{ template: LinkTemplate; value: string }> = [];
  private dropped = 0;

  /** A value found by a detector: its digests (and, for long identifiers, the string itself) are sought. */
  addKnown(o: Observation): void {
    if (!LINKED_TYPES.has(o.piType) || o.detector.startsWith('linked:') || this.plain.size >= MAX_KNOWN) return;
    // SDKs send the same device id in every call: its spellings are hashed once (the first finding is kept).
    const seen = `${o.piType}\u0000${o.value}`;
    if (this.registered.has(seen)) return;
    if (this.registered.size < MAX_KNOWN) this.registered.add(seen);
    const known = { piType: o.piType, flowId: o.flowId, path: o.path, how: o.detector };
    for (const s of spellings(o.piType, o.value)) {
      if (s.length >= PLAIN_LINK_MIN && !this.plain.has(s.toLowerCase())) this.plain.set(s.toLowerCase(), known);
      for (const a of ALGOS) {
        const d = createHash(a).update(s, 'utf8').digest('hex');
        if (!this.digests.has(d)) this.digests.set(d, { ...known, how: a });
      }
    }
  }

  /** A leaf no detector claimed: kept (bounded) in case it is a hash or copy of a value found elsewhere. */
  addCandidate(leaf: Pick<Leaf, 'value'>, template: LinkTemplate): void {
    const v = candidateValue(leaf);
    if (v === undefined) return;
    if (this.candidates.length >= MAX_CANDIDATES) {
      this.dropped++;
      return;
    }
    this.candidates.push({ template, value: v });
  }

  /** Observations for candidates that are a digest or a copy of a known value; and how many were not checked. */
  resolve(): { observations: Observation[]; unchecked: number } {
    const out: Observation[] = [];
    const seen = new Set<string>();
    for (const c of this.candidates) {
      const lower = c.value.toLowerCase();
      const digest = DIGEST.test(c.value) ? this.digests.get(lower) : undefined;
      const copy = digest ? undefined : this.plain.get(lower);
      const k = digest ?? copy;
      if (!k || (k.flowId === c.template.flowId && k.path === c.template.path)) continue;
      const key = `${c.template.flowId} ${c.template.path} ${k.piType}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const form = digest ? `${k.how}${c.value === c.value.toUpperCase() ? ', upper case' : ''}` : 'the same string';
      out.push({
        ...c.template,
        id: '',
        piType: k.piType,
        value: c.value,
        detector: digest ? `linked:${k.how}` : 'linked:plain',
        evidence: `${form} of the ${k.piType} found in plain in flow ${k.flowId} at ${k.path} (${k.how})`,
        confidence: digest ? 0.95 : 0.85,
      });
    }
    return { observations: out, unchecked: this.dropped };
  }
}
