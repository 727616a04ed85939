// Runs every detector over the leaves of one flow and returns what each leaf reveals.

import type { Catalogs } from '../../core/catalog.ts';
import type { Persona } from '../../core/target.ts';
import type { Leaf } from '../decode/leaf.ts';
import { coordinatePairs, coordinateStringDetector } from './coordinates.ts';
import { bestPerType, MAX_SCAN_CHARS, type Detection } from './detection.ts';
import { emailDetector } from './email.ts';
import { imeiDetector } from './imei.ts';
import { buildKeyIndex, detectByKey, type KeyIndex } from './key-names.ts';
import { licencePlateDetector } from './licence-plate.ts';
import { macDetector } from './mac.ts';
import { mobileDetector } from './mobile.ts';
import { personaMatcher, type PersonaMatcher } from './persona.ts';
import { residentIdDetector } from './resident-id.ts';
import { runTextDetector, type TextDetector } from './text-detector.ts';

const TEXT_DETECTORS: TextDetector[] = [
  residentIdDetector,
  mobileDetector,
  emailDetector,
  macDetector,
  imeiDetector,
  licencePlateDetector,
  coordinateStringDetector,
];

export interface LeafFinding {
  leaf: Leaf;
  /** Path the finding is reported at (the leaf's, or the enclosing object's for coordinate pairs). */
  path: string;
  detection: Detection;
}

export class PiDetector {
  private readonly keys: KeyIndex;
  private readonly persona: PersonaMatcher;

  constructor(catalogs: Pick<Catalogs, 'piTypes'>, persona?: Persona) {
    this.keys = buildKeyIndex(catalogs);
    this.persona = personaMatcher(persona);
  }

  /** Text leaves only: binary leaves go to media inspection; key names still count for files. */
  detectLeaf(leaf: Leaf, binarySummary?: string): Detection[] {
    if (typeof leaf.value !== 'string') return detectByKey(this.keys, leaf, binarySummary ?? '');
    if (leaf.items !== undefined) return detectByKey(this.keys, leaf, leaf.value);
    const text = leaf.value.length > MAX_SCAN_CHARS ? leaf.value.slice(0, MAX_SCAN_CHARS) : leaf.value;
    const found: Detection[] = [...this.persona.match(text)];
    for (const d of TEXT_DETECTORS) found.push(...runTextDetector(d, text));
    found.push(...detectByKey(this.keys, leaf, text));
    return bestPerType(found);
  }

  /** All findings of one flow's leaves, with sibling latitude/longitude fields merged into one location. */
  detectAll(leaves: Leaf[], summarise: (b: Buffer, leaf: Leaf) => string): LeafFinding[] {
    const out: LeafFinding[] = [];
    const pairs = coordinatePairs(leaves);
    const paired = new Set(pairs.flatMap((p) => [p.lat, p.lng]));
    for (const leaf of leaves) {
      const dets = this.detectLeaf(leaf, typeof leaf.value === 'string' ? undefined : summarise(leaf.value, leaf));
      for (const d of dets) {
        if (paired.has(leaf) && d.piType === 'location') continue;
        out.push({ leaf, path: leaf.path, detection: d });
      }
    }
    for (const p of pairs) {
      out.push({
        leaf: p.lat,
        path: p.parent,
        detection: {
          piType: 'location',
          value: `${String(p.lat.value)},${String(p.lng.value)}`,
          detector: 'format:coordinate-fields',
          evidence: `latitude "${p.lat.key}" and longitude "${p.lng.key}" side by side, precise and in range`,
          confidence: 0.95,
        },
      });
    }
    return out;
  }
}
