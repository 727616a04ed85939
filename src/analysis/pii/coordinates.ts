// GPS coordinates: "lat,lng" strings, and latitude/longitude fields side by side in one object (names from
// config/key-vocabulary.yaml), in degrees or scaled by 10^6 (integer micro-degrees, as many Chinese SDKs send).

import type { Leaf } from '../decode/leaf.ts';
import type { TextDetector } from './text-detector.ts';
import { keyWords, normalise, type Vocabulary } from './vocabulary.ts';

/** geo:lat,lng with an optional altitude and parameters; the pair is read as PAIR reads it. */
const GEO_URI = /^geo:(-?\d{1,3}\.\d+\s*,\s*-?\d{1,3}\.\d+)(?:,-?\d+(?:\.\d+)?)?(?:;[\w.=-]+)*$/i;
const PAIR = /^(-?\d{1,3}\.(\d+))\s*,\s*(-?\d{1,3}\.(\d+))$/;

/** Four decimals is about 11 m: anything coarser is a city, not a position. */
const MIN_DECIMALS_UNKEYED = 4;
/** Named fields side by side: two decimals (about 1 km) already place a person in a neighbourhood. */
const MIN_DECIMALS_KEYED = 2;

function inRange(lat: number, lng: number): boolean {
  return Math.abs(lat) <= 90 && Math.abs(lng) <= 180 && !(lat === 0 && lng === 0);
}

export const coordinateStringDetector: TextDetector = {
  id: 'format:coordinates',
  piType: 'location',
  // Two numbers of at least four decimals each.
  mayHold: (p, text) => p.digits >= 10 && text.includes(','),
  scan(text) {
    // A geo: URI (RFC 5870: geo:51.5008,0.1247;u=35, Matrix's m.location) says itself that it is a position.
    const geo = GEO_URI.exec(text.trim());
    const m = PAIR.exec(geo ? geo[1]! : text.trim());
    const places = geo ? MIN_DECIMALS_KEYED : MIN_DECIMALS_UNKEYED;
    if (!m || (m[2] ?? '').length < places || (m[4] ?? '').length < places) return [];
    const a = Number(m[1]);
    const b = Number(m[3]);
    // Either order is common: lat,lng (GPS) and lng,lat (AMap, Baidu).
    if (!inRange(a, b) && !inRange(b, a)) return [];
    return [{ value: text.trim(), evidence: geo ? 'a geo: URI with a coordinate pair in range' : `coordinate pair with ${MIN_DECIMALS_UNKEYED}+ decimals in range`, confidence: 0.85 }];
  },
};

/** Degrees of a named coordinate field: a decimal with enough places, or micro-degrees (7-9 digit integer). */
function degrees(value: string | Buffer, max: number): { deg: number; scaled: boolean } | undefined {
  if (typeof value !== 'string') return undefined;
  const t = value.trim();
  const m = /^-?\d{1,3}\.(\d+)$/.exec(t);
  if (m && (m[1] ?? '').length >= MIN_DECIMALS_KEYED && Math.abs(Number(t)) <= max) return { deg: Number(t), scaled: false };
  if (/^-?\d{7,9}$/.test(t) && Math.abs(Number(t)) / 1e6 <= max && Math.abs(Number(t)) >= 1e6) return { deg: Number(t) / 1e6, scaled: true };
  return undefined;
}

export interface CoordinatePair {
  /** Path of the object holding both fields. */
  parent: string;
  /** The words before the coordinate word both fields share (start_latitude, start_longitude: "start"), "" if none. */
  head: string;
  lat: Leaf;
  lng: Leaf;
  scaled: boolean;
}

/**
 * Which coordinate a field name names, and the words before it: lat, user_lat (the vocabulary's names), or any name
 * ending in a latitude or longitude word of three letters or more (start_latitude, o_lat, end_lng).
 */
function coordinateRole(key: string, v: Vocabulary): { axis: 'lat' | 'lng'; head: string } | undefined {
  const k = normalise(key);
  if (v.latitudeKeys.has(k)) return { axis: 'lat', head: '' };
  if (v.longitudeKeys.has(k)) return { axis: 'lng', head: '' };
  const words = keyWords(key);
  const last = words[words.length - 1];
  if (words.length < 2 || last === undefined || last.length < 3) return undefined;
  const axis = v.latitudeKeys.has(last) ? 'lat' : v.longitudeKeys.has(last) ? 'lng' : undefined;
  return axis ? { axis, head: words.slice(0, -1).join('_') } : undefined;
}

/** Latitude and longitude fields that are siblings with the same leading words, both precise and in range. */
export function coordinatePairs(leaves: Leaf[], v: Vocabulary): CoordinatePair[] {
  const slots = new Map<string, { parent: string; head: string; lat?: Leaf; lng?: Leaf; latDeg?: number; lngDeg?: number; scaled?: boolean }>();
  for (const leaf of leaves) {
    if (leaf.parent === undefined || leaf.key === undefined || leaf.items !== undefined) continue;
    const role = coordinateRole(leaf.key, v);
    const deg = role ? degrees(leaf.value, role.axis === 'lat' ? 90 : 180) : undefined;
    if (!role || !deg) continue;
    const id = `${leaf.parent}\u0000${role.head}`;
    const slot = slots.get(id) ?? { parent: leaf.parent, head: role.head };
    if (role.axis === 'lat' && !slot.lat) Object.assign(slot, { lat: leaf, latDeg: deg.deg, scaled: deg.scaled });
    if (role.axis === 'lng' && !slot.lng) Object.assign(slot, { lng: leaf, lngDeg: deg.deg });
    slots.set(id, slot);
  }
  const out: CoordinatePair[] = [];
  for (const s of slots.values()) {
    if (!s.lat || !s.lng || !inRange(s.latDeg!, s.lngDeg!)) continue;
    out.push({ parent: s.parent, head: s.head, lat: s.lat, lng: s.lng, scaled: !!s.scaled });
  }
  return out;
}

/** Leaves named as one coordinate (lat, start_lng): reported through their pair, or not at all. */
export function isCoordinateField(leaf: Leaf, v: Vocabulary): boolean {
  return leaf.key !== undefined && coordinateRole(leaf.key, v) !== undefined;
}
