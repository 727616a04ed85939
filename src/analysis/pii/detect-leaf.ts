// Runs every detector over the leaves of one flow and returns what each leaf reveals, and coordinate fields
// side by side; what only a group of findings shows (an address split over its parts, a contact list) is
// finding-groups.ts's.

import type { Catalogs } from '../../core/catalog.ts';
import { secretPiTypes } from '../../core/catalog-loader.ts';
import type { VariantName } from '../../core/phase.ts';
import type { Leaf } from '../decode/leaf.ts';
import { addressDetector } from './address.ts';
import { bankCardDetector } from './bank-card.ts';
import { coordinatePairs, coordinateStringDetector, isCoordinateField } from './coordinates.ts';
import { bestPerType, MAX_SCAN_CHARS, type Detection } from './detection.ts';
import { emailDetector } from './email.ts';
import { refineFindings, type LeafFinding } from './finding-groups.ts';
import { imeiDetector } from './imei.ts';
import { ipTextDetector } from './ip-text.ts';
import { buildKeyIndex, detectByKey, isPairLabel, lastKeyOf, matchKey, siblingNames, typedObjects, type FlowHints, type KeyIndex, type KeyMatch, type TypedObjects } from './key-names.ts';
import { licencePlateDetector } from './licence-plate.ts';
import { macDetector } from './mac.ts';
import { matrixIdDetector } from './matrix-id.ts';
import { internationalPhoneDetector, mobileDetector } from './mobile.ts';
import { chineseNameDetector } from './personal-name.ts';
import { variantPersonaMatchers, type PersonaMatcher, type RunPersonaSet } from './persona.ts';
import { residentIdDetector } from './resident-id.ts';
import { profileOf, runTextDetector, type TextDetector } from './text-detector.ts';
import { vinDetector } from './vin.ts';
import { keyWords, normalise, type Platform } from './vocabulary.ts';

const TEXT_DETECTORS: TextDetector[] = [
  residentIdDetector,
  mobileDetector,
  internationalPhoneDetector,
  emailDetector,
  macDetector,
  imeiDetector,
  licencePlateDetector,
  coordinateStringDetector,
  bankCardDetector,
  vinDetector,
  addressDetector,
  chineseNameDetector,
  ipTextDetector,
  matrixIdDetector,
];

/** Fields that tell the platform; a user agent that names an Apple OS counts too. */
const PLATFORM_KEYS = new Set(['os', 'osname', 'platform', 'ostype', 'devicetype', 'type', 'systemname', 'system', 'devicesystem']);
const IOS = /^(?:ios|iphone ?os|ipados)$|\b(?:iPhone|iPad|iPod)\b|CPU (?:iPhone )?OS \d/i;
const ANDROID = /^android$|\bAndroid\b/i;

export class PiDetector {
  private readonly keys: KeyIndex;
  private readonly persona: (variant: VariantName | null | undefined) => PersonaMatcher;
  private readonly secrets: ReadonlySet<string>;

  /** personas: the run's persona, or each variant's own (a template persona); a flow is searched for its variant's. */
  constructor(catalogs: Pick<Catalogs, 'piTypes'>, personas: RunPersonaSet = {}, configDir?: string) {
    this.keys = buildKeyIndex(catalogs, configDir);
    this.persona = variantPersonaMatchers(personas);
    this.secrets = secretPiTypes(catalogs);
  }

  /** Whether a type's values are kept out of every file (pi-types.yaml `secret`). */
  isSecret(piType: string): boolean {
    return this.secrets.has(piType);
  }

  /** Text leaves only: binary leaves go to media inspection; key names still count for files. `variant`: the flow's. */
  detectLeaf(leaf: Leaf, binarySummary?: string, hints?: FlowHints, variant?: VariantName | null): Detection[] {
    if (isPairLabel(leaf, hints)) return [];
    if (typeof leaf.value !== 'string') return detectByKey(this.keys, leaf, binarySummary ?? '', hints);
    if (leaf.items !== undefined) return detectByKey(this.keys, leaf, leaf.value, hints);
    const text = leaf.value.length > MAX_SCAN_CHARS ? leaf.value.slice(0, MAX_SCAN_CHARS) : leaf.value;
    const found = this.persona(variant).match(text);
    const profile = profileOf(text);
    // A rounded number's digits are not the ones sent: only its field name can say what it is.
    if (!leaf.inexact) for (const d of TEXT_DETECTORS) for (const hit of runTextDetector(d, text, profile)) found.push(hit);
    for (const hit of detectByKey(this.keys, leaf, text, hints)) found.push(hit);
    return found.length > 1 ? bestPerType(found) : found;
  }

  /** All findings of one flow's leaves, grouped findings included; `variant`: the flow's. */
  detectAll(leaves: Leaf[], summarise: (b: Buffer, leaf: Leaf) => string, variant?: VariantName | null): LeafFinding[] {
    const v = this.keys.vocabulary;
    const hints = flowHints(leaves, this.keys);
    const out: LeafFinding[] = [];
    for (const leaf of leaves) {
      const dets = this.detectLeaf(leaf, typeof leaf.value === 'string' ? undefined : summarise(leaf.value, leaf), hints, variant);
      for (const d of dets) {
        // A lone latitude or longitude is no position; named pairs are reported below, at their object.
        if (d.piType === 'location' && d.detector.startsWith('key-name') && isCoordinateField(leaf, v)) continue;
        // Eleven digits under an id (Alerta's event.id 19293981000, an order_id, a shop's uid 14519608273) are that id,
        // not a phone: only the persona's own number, matched as such, says an app used a phone as an id.
        // So are sixteen digits that pass Luhn (Intercom's user_id 2345234523452345): a card number under an id is the id.
        if ((d.detector === 'format:mobile' || d.detector === 'format:bank-card') && isIdField(leaf)) continue;
        out.push({ leaf, path: leaf.path, detection: d });
      }
    }
    for (const p of coordinatePairs(leaves, v)) {
      // A pair named for a trip's end (start_latitude: the start location's, Google Directions' start_location) is that place.
      const place = p.head ? tripEnd(matchKey(this.keys, `${p.head}_location`)) : undefined;
      out.push({
        leaf: p.lat,
        path: p.parent,
        detection: {
          piType: place ?? 'location',
          value: `${String(p.lat.value)},${String(p.lng.value)}`,
          detector: 'format:coordinate-fields',
          evidence: `latitude "${p.lat.key}" and longitude "${p.lng.key}" side by side, in range${p.scaled ? ' (micro-degrees, scaled by 10^6)' : ''}${place ? `: the position of the "${p.head}" location, the trip's ${place.replace('_', ' ')}` : ''}`,
          confidence: 0.95,
        },
      });
    }
    return refineFindings(out, leaves, v);
  }
}

/** The trip end a field name names, if it names one. */
function tripEnd(hit: KeyMatch | undefined): 'departure_place' | 'destination' | undefined {
  const slug = hit && hit.how !== 'family' ? hit.slug : undefined;
  return slug === 'departure_place' || slug === 'destination' ? slug : undefined;
}

/** The leaf's name says it is an identifier: id, uid, order_id, eventId. */
function isIdField(leaf: Leaf): boolean {
  const last = keyWords(leaf.key ?? '').pop();
  return last === 'id' || last === 'uid';
}

/** The platform the flow names: an os or platform field first, a user agent next, an Android ID field last. */
function flowHints(leaves: Leaf[], keys: KeyIndex): FlowHints {
  let fromField: Platform | undefined;
  let fromAgent: Platform | undefined;
  let androidIdField = false;
  for (const leaf of leaves) {
    if (typeof leaf.value !== 'string' || leaf.key === undefined || leaf.value.length > 1000) continue;
    const k = normalise(leaf.key);
    if (k === 'androidid') androidIdField = true;
    const agent = k === 'ua' || k === 'useragent';
    // The value is read only under a platform or user-agent name: most leaves are neither.
    if (agent ? fromAgent !== undefined : fromField !== undefined || !(PLATFORM_KEYS.has(k) || (k === 'name' && PLATFORM_KEYS.has(normalise(lastKeyOf(leaf.parent) ?? ''))))) continue;
    const said = IOS.test(leaf.value) ? 'ios' : ANDROID.test(leaf.value) ? 'android' : undefined;
    if (agent) fromAgent = said;
    else fromField = said;
  }
  const platform = fromField ?? fromAgent ?? (androidIdField ? 'android' : undefined);
  // Only a generic field name is read beside its siblings: most flows never need them.
  let siblings: Map<string, Set<string>> | undefined;
  let typed: TypedObjects | undefined;
  return {
    ...(platform ? { platform } : {}),
    get siblings() {
      return (siblings ??= siblingNames(leaves));
    },
    get typed() {
      return (typed ??= typedObjects(keys, leaves, (siblings ??= siblingNames(leaves))));
    },
  };
}

