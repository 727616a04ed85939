// The field-name vocabulary of the detectors: pi-types.yaml keys plus config/key-vocabulary.yaml (names
// used in the wild, contextual names, generic identifier families, address parts, coordinate names),
// loaded once per config dir and validated by its schema.

import { join } from 'node:path';
import type { Catalogs } from '../../core/catalog.ts';
import { DEFAULT_CONFIG_DIR, loadCatalogFile } from '../../core/catalog-loader.ts';

type Entry =
  | { piType: string; keys: string[] }
  | { piType: string; shaped: string[] }
  | { piType: string; under: { parents: string[]; keys: string[]; besides?: string[] } }
  | { piType: string; inPerson: string[] }
  | { piType: string; inMessage: string[] }
  | { messageObjects: string[] }
  | { family: string; keys: string[]; under?: { parents: string[]; keys: string[] }; types: string[]; platforms?: Record<string, Platform> }
  | { personObjects: string[] }
  | { thingObjects: string[] }
  | { wrapperObjects: string[] }
  | { businessObjects: string[] }
  | { noiseWords: string[] }
  | { addressParts: string[] }
  | { flagTypes: string[] }
  | { contactRemarks: string[] }
  | { paymentChannels: string[] }
  | { latitudeKeys: string[] }
  | { longitudeKeys: string[] };

export type Platform = 'ios' | 'android';

export interface Family {
  family: string;
  types: string[];
  /** Types that apply only to flows from one platform. */
  platforms: Record<string, Platform>;
}

export interface Vocabulary {
  /** Normalised name -> type, wherever the name stands. */
  strong: Map<string, string>;
  /** Normalised name -> type, only when the value passes the type's strict format. */
  shaped: Map<string, string>;
  /**
   * Normalised name -> type, only inside an object whose name has one of the parent words, or (`besides`) in an
   * object holding a field of one of these types (model beside an IMEI and an OS version).
   */
  under: Map<string, { slug: string; parents: Set<string>; besides: Set<string> }>;
  /** Normalised name -> type, only in a person's object: one named by a person word, or holding a person's name, sex, phone or e-mail. */
  inPerson: Map<string, string>;
  /** Normalised name -> type, only in a message: an object named by a message word, or holding a message's text field. */
  inMessage: Map<string, string>;
  /** Words that name a message object (message, chat) or the text field of one (content, msg). */
  messageObjects: Set<string>;
  families: Map<string, Family>;
  /** Normalised name -> family, only inside an object whose name has one of the parent words (device.id). */
  familiesUnder: Map<string, { family: Family; parents: Set<string> }>;
  personObjects: Set<string>;
  thingObjects: Set<string>;
  /** Generic person words (data, result): a person's object only when not inside a thing. */
  wrapperObjects: Set<string>;
  /** Words of orders, goods and payments: a too-general name among them is not a device's. */
  businessObjects: Set<string>;
  noiseWords: Set<string>;
  addressParts: Set<string>;
  /** The name a user gives a contact (QQ's markname, WeChat's RemarkName): list entries holding one are the user's contacts. */
  contactRemarks: Set<string>;
  /** Channels money goes through (支付宝, PayPal), normalised: an account of one is a fund account. */
  paymentChannels: Set<string>;
  latitudeKeys: Set<string>;
  longitudeKeys: Set<string>;
  /** Types a boolean under their name discloses. */
  flagTypes: Set<string>;
}

export const VOCABULARY_FILE = 'key-vocabulary.yaml';

/** Words of a field name: camelCase, snake_case, kebab-case, dots, brackets and digit runs split; Han runs kept whole. */
export function keyWords(key: string): string[] {
  let w = wordsOf.get(key);
  if (w === undefined) {
    if (wordsOf.size >= WORDS_LIMIT) wordsOf.clear();
    wordsOf.set(key, (w = splitKey(key)));
  }
  // A copy: callers may change what they get (pop); field names repeat, the split need not be done again.
  return w.slice();
}
const wordsOf = new Map<string, string[]>();
const WORDS_LIMIT = 50_000;

function splitKey(key: string): string[] {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .replace(/([A-Za-z])(\d)/g, '$1 $2')
    .replace(/(\p{Script=Han}+)/gu, ' $1 ')
    .split(/[\s_.\-[\]"'$:/]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
}

const normalised = new Map<string, string>();
const NORMALISED_LIMIT = 50_000;

/** A field name's words joined: the form every vocabulary lookup compares (memoised: names repeat). */
export function normalise(key: string): string {
  let n = normalised.get(key);
  if (n === undefined) {
    if (normalised.size >= NORMALISED_LIMIT) normalised.clear();
    normalised.set(key, (n = keyWords(key).join('')));
  }
  return n;
}

const cache = new Map<string, Vocabulary>();

export function vocabularyFor(catalogs: Pick<Catalogs, 'piTypes'>, configDir = DEFAULT_CONFIG_DIR): Vocabulary {
  const hit = cache.get(configDir);
  if (hit) return hit;
  const entries = loadCatalogFile<Entry>(join(configDir, VOCABULARY_FILE), join(configDir, 'schema', 'key-vocabulary.schema.json'));
  const known = new Set(catalogs.piTypes.map((t) => t.slug));
  const v: Vocabulary = {
    strong: new Map(),
    shaped: new Map(),
    under: new Map(),
    inPerson: new Map(),
    inMessage: new Map(),
    messageObjects: new Set(),
    families: new Map(),
    familiesUnder: new Map(),
    personObjects: new Set(),
    thingObjects: new Set(),
    wrapperObjects: new Set(),
    businessObjects: new Set(),
    noiseWords: new Set(),
    addressParts: new Set(),
    contactRemarks: new Set(),
    paymentChannels: new Set(),
    latitudeKeys: new Set(),
    longitudeKeys: new Set(),
    flagTypes: new Set(),
  };
  const file = join(configDir, VOCABULARY_FILE);
  const check = (slug: string): string => {
    if (!known.has(slug)) throw new Error(`${file}: "${slug}" is not a type of pi-types.yaml`);
    return slug;
  };
  for (const t of catalogs.piTypes) for (const k of t.keys ?? []) if (!v.strong.has(normalise(k))) v.strong.set(normalise(k), t.slug);
  const words = (set: Set<string>, list: string[]): void => list.forEach((w) => set.add(normalise(w)));
  for (const e of entries) {
    if ('family' in e) {
      e.types.forEach(check);
      const family: Family = { family: e.family, types: e.types, platforms: e.platforms ?? {} };
      e.keys.forEach((k) => v.families.set(normalise(k), family));
      if (e.under) {
        const parents = new Set(e.under.parents.map(normalise));
        e.under.keys.forEach((k) => v.familiesUnder.set(normalise(k), { family, parents }));
      }
    } else if ('under' in e) {
      const parents = new Set(e.under.parents.map(normalise));
      const slug = check(e.piType);
      const besides = new Set((e.under.besides ?? []).map(check));
      e.under.keys.forEach((k) => v.under.set(normalise(k), { slug, parents, besides }));
    } else if ('shaped' in e) e.shaped.forEach((k) => v.shaped.set(normalise(k), check(e.piType)));
    else if ('inPerson' in e) e.inPerson.forEach((k) => v.inPerson.set(normalise(k), check(e.piType)));
    else if ('inMessage' in e) e.inMessage.forEach((k) => v.inMessage.set(normalise(k), check(e.piType)));
    else if ('messageObjects' in e) words(v.messageObjects, e.messageObjects);
    else if ('keys' in e) e.keys.forEach((k) => v.strong.has(normalise(k)) || v.strong.set(normalise(k), check(e.piType)));
    else if ('noiseWords' in e) words(v.noiseWords, e.noiseWords);
    else if ('addressParts' in e) words(v.addressParts, e.addressParts);
    else if ('flagTypes' in e) e.flagTypes.forEach((t) => v.flagTypes.add(check(t)));
    else if ('contactRemarks' in e) words(v.contactRemarks, e.contactRemarks);
    else if ('paymentChannels' in e) words(v.paymentChannels, e.paymentChannels);
    else if ('latitudeKeys' in e) words(v.latitudeKeys, e.latitudeKeys);
    else if ('longitudeKeys' in e) words(v.longitudeKeys, e.longitudeKeys);
    else if ('personObjects' in e) words(v.personObjects, e.personObjects);
    else if ('thingObjects' in e) words(v.thingObjects, e.thingObjects);
    else if ('wrapperObjects' in e) words(v.wrapperObjects, e.wrapperObjects);
    else words(v.businessObjects, e.businessObjects);
  }
  cache.set(configDir, v);
  return v;
}
