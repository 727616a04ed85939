// GPS coordinates: "lat,lng" strings, and latitude/longitude fields side by side in one object.

import type { Leaf } from '../decode/leaf.ts';
import { normaliseKey } from '../../core/catalog-loader.ts';
import type { TextDetector } from './text-detector.ts';

const PAIR = /^(-?\d{1,3}\.(\d+))\s*,\s*(-?\d{1,3}\.(\d+))$/;

/** Four decimals is about 11 m: anything coarser is a city, not a position. */
const MIN_DECIMALS_UNKEYED = 4;
const MIN_DECIMALS_KEYED = 3;

function inRange(lat: number, lng: number): boolean {
  return Math.abs(lat) <= 90 && Math.abs(lng) <= 180 && !(lat === 0 && lng === 0);
}

export const coordinateStringDetector: TextDetector = {
  id: 'format:coordinates',
  piType: 'location',
  scan(text) {
    const m = PAIR.exec(text.trim());
    if (!m || (m[2] ?? '').length < MIN_DECIMALS_UNKEYED || (m[4] ?? '').length < MIN_DECIMALS_UNKEYED) return [];
    const a = Number(m[1]);
    const b = Number(m[3]);
    // Either order is common: lat,lng (GPS) and lng,lat (AMap, Baidu).
    if (!inRange(a, b) && !inRange(b, a)) return [];
    return [{ value: text.trim(), evidence: `coordinate pair with ${MIN_DECIMALS_UNKEYED}+ decimals in range`, confidence: 0.85 }];
  },
};

// Which field names are the latitude and which the longitude is semantics, not vocabulary: kept here.
const LAT_KEYS = new Set(['lat', 'latitude', 'weidu', '纬度', 'gpslat', 'locationlat']);
const LNG_KEYS = new Set(['lng', 'lon', 'long', 'longitude', 'jingdu', '经度', 'gpslng', 'gpslon', 'locationlng']);

function coordinate(value: string | Buffer, max: number): number | undefined {
  if (typeof value !== 'string') return undefined;
  const m = /^-?\d{1,3}\.(\d+)$/.exec(value.trim());
  if (!m || (m[1] ?? '').length < MIN_DECIMALS_KEYED) return undefined;
  const n = Number(value);
  return Math.abs(n) <= max ? n : undefined;
}

export interface CoordinatePair {
  /** Path of the object holding both fields. */
  parent: string;
  parentKey?: string;
  lat: Leaf;
  lng: Leaf;
}

/** Latitude and longitude fields that are siblings, both precise and in range. */
export function coordinatePairs(leaves: Leaf[]): CoordinatePair[] {
  const byParent = new Map<string, { lat?: Leaf; lng?: Leaf }>();
  for (const leaf of leaves) {
    if (leaf.parent === undefined || leaf.key === undefined || leaf.items !== undefined) continue;
    const k = normaliseKey(leaf.key);
    const isLat = LAT_KEYS.has(k) && coordinate(leaf.value, 90) !== undefined;
    const isLng = LNG_KEYS.has(k) && coordinate(leaf.value, 180) !== undefined;
    if (!isLat && !isLng) continue;
    const slot = byParent.get(leaf.parent) ?? {};
    if (isLat) slot.lat ??= leaf;
    if (isLng) slot.lng ??= leaf;
    byParent.set(leaf.parent, slot);
  }
  const out: CoordinatePair[] = [];
  for (const [parent, { lat, lng }] of byParent) {
    if (!lat || !lng) continue;
    if (!inRange(Number(lat.value), Number(lng.value))) continue;
    out.push({ parent, lat, lng });
  }
  return out;
}
