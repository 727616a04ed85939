// GPS coordinates: "lat,lng" strings, and latitude/longitude fields side by side in one object (names from
// config/key-vocabulary.yaml), in degrees or scaled by 10^6 (integer micro-degrees, as many Chinese SDKs send).

import type { Leaf } from '../decode/leaf.ts';
import type { TextDetector } from './text-detector.ts';
import { normalise, type Vocabulary } from './vocabulary.ts';

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
  lat: Leaf;
  lng: Leaf;
  scaled: boolean;
}

/** Latitude and longitude fields that are siblings, both precise and in range. */
export function coordinatePairs(leaves: Leaf[], v: Vocabulary): CoordinatePair[] {
  const byParent = new Map<string, { lat?: Leaf; lng?: Leaf; latDeg?: number; lngDeg?: number; scaled?: boolean }>();
  for (const leaf of leaves) {
    if (leaf.parent === undefined || leaf.key === undefined || leaf.items !== undefined) continue;
    const k = normalise(leaf.key);
    const lat = v.latitudeKeys.has(k) ? degrees(leaf.value, 90) : undefined;
    const lng = v.longitudeKeys.has(k) ? degrees(leaf.value, 180) : undefined;
    if (!lat && !lng) continue;
    const slot = byParent.get(leaf.parent) ?? {};
    if (lat && !slot.lat) Object.assign(slot, { lat: leaf, latDeg: lat.deg, scaled: lat.scaled });
    if (lng && !slot.lng) Object.assign(slot, { lng: leaf, lngDeg: lng.deg });
    byParent.set(leaf.parent, slot);
  }
  const out: CoordinatePair[] = [];
  for (const [parent, s] of byParent) {
    if (!s.lat || !s.lng || !inRange(s.latDeg!, s.lngDeg!)) continue;
    out.push({ parent, lat: s.lat, lng: s.lng, scaled: !!s.scaled });
  }
  return out;
}

/** Leaves named as one coordinate (lat, lng): reported through their pair, or not at all. */
export function isCoordinateField(leaf: Leaf, v: Vocabulary): boolean {
  if (leaf.key === undefined) return false;
  const k = normalise(leaf.key);
  return v.latitudeKeys.has(k) || v.longitudeKeys.has(k);
}
