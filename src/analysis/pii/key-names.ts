// Field names that reveal a PI type, matched on the normalised words of the name (and of its enclosing
// object's name), not on exact spellings: any tail of the words may match (receiverPhone, user_mobile_no,
// phone0), owner and noise words are dropped, Chinese names match by their ending (联系人手机 ends in 手机).
// The name only proposes a type; the value must still look like it (value-shapes.ts).

import type { Catalogs } from '../../core/catalog.ts';
import type { Leaf } from '../decode/leaf.ts';
import type { Detection } from './detection.ts';
import { isDefaultName, isEmptyish, VALUE_SHAPES } from './value-shapes.ts';
import { isChineseName, isLatinName, isOrdinaryWord } from './personal-name.ts';
import { keyWords, normalise, vocabularyFor, type Family, type Platform, type Vocabulary } from './vocabulary.ts';

/** Groups whose types are recognised from the bytes (faces, ID-card photos), never from a name alone. */
const MEDIA_GROUPS = new Set(['biometric', 'document']);

/**
 * `hashed`: the name says its value is a digest (imei_md5, didsha1, sha256_email, phoneHash).
 * `otherwise`: what the same name means when the value is not this type (user: a person's name, else the
 * sign-in in a person's record; receiver: a person's name, else a message's addressee).
 */
export type KeyMatch =
  | { how: 'name' | 'shaped' | 'under' | 'inPerson' | 'inMessage'; slug: string; matched: string; head?: string[]; hashed?: string; otherwise?: KeyMatch }
  | { how: 'family'; family: Family; matched: string; head?: string[]; hashed?: string; otherwise?: KeyMatch };

export interface KeyIndex {
  vocabulary: Vocabulary;
  mediaSlugs: Set<string>;
  /** Types APIs send hashed (pi-types.yaml `sentHashed`): a digest under their name is the value hashed. */
  sentHashed: Set<string>;
  /** Field names repeat across flows: each (name, parent) is looked up once (bounded). */
  memo: Map<string, KeyMatch | null>;
}

const MEMO_LIMIT = 50_000;

/**
 * A digest algorithm written before or after the name (imei_md5, didsha1, sha256Email, phone_hash): the
 * algorithm is split off and the rest is the name. Digits stay on the algorithm (sha1, not sha + 1).
 */
const DIGEST_SUFFIX = /^(.+?)[_.-]?(md5|sha-?(?:1|224|256|384|512)|sha|hash(?:ed)?)$/i;
const DIGEST_PREFIX = /^(md5|sha-?(?:1|224|256|384|512)|hash(?:ed)?)[_.-]?(.+)$/i;
const DIGEST = /^(?:[0-9a-f]{32}|[0-9a-f]{40}|[0-9a-f]{64})$/i;
const DIGEST_ALGO: Record<number, string> = { 32: 'MD5', 40: 'SHA-1', 64: 'SHA-256' };

export function buildKeyIndex(catalogs: Pick<Catalogs, 'piTypes'>, configDir?: string): KeyIndex {
  const mediaSlugs = new Set(catalogs.piTypes.filter((t) => MEDIA_GROUPS.has(t.group)).map((t) => t.slug));
  const sentHashed = new Set(catalogs.piTypes.filter((t) => t.sentHashed).map((t) => t.slug));
  return { vocabulary: vocabularyFor(catalogs, configDir), mediaSlugs, sentHashed, memo: new Map() };
}

/** The type a field name names (given the name of the object holding it), and the form that matched. */
export function matchKey(index: KeyIndex, key: string, parentKey?: string): KeyMatch | undefined {
  const memoKey = `${parentKey ?? ''}\u0000${key}`;
  const memo = index.memo.get(memoKey);
  if (memo !== undefined) return memo ?? undefined;
  const found = lookUp(index.vocabulary, key, parentKey) ?? hashedName(index.vocabulary, key, parentKey);
  if (index.memo.size >= MEMO_LIMIT) index.memo.clear();
  index.memo.set(memoKey, found ?? null);
  return found;
}

function lookUp(v: Vocabulary, key: string, parentKey: string | undefined): KeyMatch | undefined {
  const all = keyWords(key);
  // Trailing digits and noise words say how a value is written, not what it is (phone0, mobile_no).
  let end = all.length;
  while (end > 1 && (/^\d+$/.test(all[end - 1]!) || v.noiseWords.has(all[end - 1]!))) end--;
  const forms = end < all.length ? [all, all.slice(0, end)] : [all];
  // Lists are named in the plural (phone_numbers, emails, addresses): their items are the singular.
  for (const w of [...forms]) {
    const last = w[w.length - 1]!;
    const singular = last.endsWith('sses') || last.endsWith('xes') ? last.slice(0, -2) : last.length > 3 && last.endsWith('s') && !last.endsWith('ss') ? last.slice(0, -1) : undefined;
    if (singular) forms.push([...w.slice(0, -1), singular]);
  }
  for (const w of forms) {
    for (let i = 0; i < w.length; i++) {
      // Tails start at word boundaries, so receiverPhone ends in phone but "iphone" never does.
      // change_before_departure, refund_after_delivery: a condition about the thing, not the thing; min_age, maxAge:
      // a bound of a range (a dating app's match filter), not the person's own value.
      if (i > 0 && (TEMPORAL.has(w[i - 1]!) || BOUNDS.has(w[i - 1]!))) continue;
      const tail = w.slice(i).join('');
      const hit = byName(v, tail, parentKey);
      // A contextual name counts as a tail only after its parent's words (os_version in os), not after another
      // part's (kernel_version in mac is the kernel's).
      if (hit?.how === 'under' && i > 0 && !w.slice(0, i).every((x) => v.under.get(tail)?.parents.has(x))) continue;
      if (hit) return i > 0 ? { ...hit, head: w.slice(0, i) } : hit;
    }
  }
  return hanSuffix(v, key);
}

function byName(v: Vocabulary, name: string, parentKey: string | undefined): KeyMatch | undefined {
  const strong = v.strong.get(name);
  if (strong) return { how: 'name', slug: strong, matched: name };
  const family = v.families.get(name);
  if (family) return { how: 'family', family, matched: name };
  // The parent words may be one word of the object's name (device_info holds device) or its whole name (identity_documents).
  const inside = (parents: Set<string>): boolean => parentKey !== undefined && (parents.has(normalise(parentKey)) || keyWords(parentKey).some((w) => parents.has(w)));
  const under = v.under.get(name);
  if (under && inside(under.parents)) return { how: 'under', slug: under.slug, matched: `${parentKey}.${name}` };
  const familyUnder = v.familiesUnder.get(name);
  if (familyUnder && inside(familyUnder.parents)) return { how: 'family', family: familyUnder.family, matched: `${parentKey}.${name}` };
  // Names whose meaning the value and the object decide, tried in this order.
  const readings: KeyMatch[] = [];
  const shaped = v.shaped.get(name);
  if (shaped) readings.push({ how: 'shaped', slug: shaped, matched: name });
  const personal = v.inPerson.get(name);
  if (personal) readings.push({ how: 'inPerson', slug: personal, matched: name });
  const messaged = v.inMessage.get(name);
  if (messaged) readings.push({ how: 'inMessage', slug: messaged, matched: name });
  return readings.reduceRight<KeyMatch | undefined>((otherwise, r) => (otherwise ? { ...r, otherwise } : r), undefined);
}

const TEMPORAL = new Set(['before', 'after', 'until', 'since', 'prior']);
const BOUNDS = new Set(['min', 'max', 'minimum', 'maximum', 'lower', 'upper']);

/** A name that says its value is hashed: the type the rest of the name names, with the algorithm. */
function hashedName(v: Vocabulary, key: string, parentKey: string | undefined): KeyMatch | undefined {
  const suffix = DIGEST_SUFFIX.exec(key);
  const prefix = suffix ? undefined : DIGEST_PREFIX.exec(key);
  const [stem, algorithm] = suffix ? [suffix[1]!, suffix[2]!] : prefix ? [prefix[2]!, prefix[1]!] : [];
  if (!stem || !algorithm) return undefined;
  const hit = lookUp(v, stem, parentKey);
  return hit ? { ...hit, hashed: algorithm.toLowerCase() } : undefined;
}

/** Chinese field names are not split into words: 收货人手机号 is matched by its longest known ending. */
function hanSuffix(v: Vocabulary, key: string): KeyMatch | undefined {
  if (!/\p{Script=Han}/u.test(key) || key.length > 24) return undefined;
  for (let i = 1; i < key.length - 1; i++) {
    const tail = key.slice(i);
    const slug = v.strong.get(tail);
    if (slug) return { how: 'name', slug, matched: tail };
  }
  return undefined;
}

/** The last field name of a path (the object holding a leaf): body.device -> device, x[0] -> x. */
export function lastKeyOf(path: string | undefined): string | undefined {
  if (!path) return undefined;
  // Leaves of one object come one after another: the last answer is usually the one asked for.
  if (path !== lastAsked.path) lastAsked = { path, key: lastKeyScanned(path) ?? LAST_KEY.exec(path)?.[1] };
  return lastAsked.key;
}

let lastAsked: { path: string; key: string | undefined } = { path: '', key: undefined };

const LAST_KEY = /(?:^|\.)([^.[\]]+)(?:\[[^\]]*\])*$/;

/**
 * LAST_KEY's answer read from the end of the path, for the common paths (a.b[0][1]); undefined whenever
 * the path is unusual (quoted keys, stray brackets) and the regex must decide. The regex alone costs
 * time quadratic in the path's length, on every leaf.
 */
function lastKeyScanned(path: string): string | undefined {
  if (path.includes('"') || !bracketsPaired(path)) return undefined;
  let end = path.length;
  while (path.charCodeAt(end - 1) === 93 /* ] */) {
    const open = path.lastIndexOf('[', end - 2);
    if (open < 0 || path.slice(open + 1, end - 1).includes(']')) return undefined;
    end = open;
  }
  const dot = path.lastIndexOf('.', end - 1);
  const key = path.slice(dot + 1, end);
  return key && !key.includes('[') && !key.includes(']') ? key : undefined;
}

/** Every [ is closed by a ] before the next [ opens. */
function bracketsPaired(path: string): boolean {
  let open = false;
  for (let i = 0; i < path.length; i++) {
    const c = path.charCodeAt(i);
    if (c === 91 /* [ */) {
      if (open) return false;
      open = true;
    } else if (c === 93 /* ] */) {
      if (!open) return false;
      open = false;
    }
  }
  return !open;
}

export interface FlowHints {
  /** The platform the flow says it comes from (an os field, a user agent), if it says. */
  platform?: Platform;
  /** The normalised field names of each object, by its path: a generic name is read beside its siblings. */
  siblings?: ReadonlyMap<string, ReadonlySet<string>>;
  /** What each object says it holds (its type field, its label), and the paths of the fields that say it. */
  typed?: TypedObjects;
}

/** Names that hold an object's value without saying what it is: the object's type field or its own name says. */
const GENERIC_VALUE_KEYS = new Set(['value', 'val', 'data', 'number', 'identifier', 'uniqueidentifier', 'documentnumber', 'documentno',
  'docnumber', 'docno', 'personalnumber']);
/** Fields that say what a typed object holds (FHIR's telecom.system, Duffel's identity_documents[].type). */
const TYPE_KEYS = new Set(['system', 'type', 'kind', 'documenttype', 'doctype', 'idtype', 'certtype', 'accounttype', 'paytype', 'paymenttype',
  'paymethod', 'paymentmethod', 'withdrawtype']);

/** A type field's value that names a kind (phone, passport, id_card, 支付宝); not a dotted code (m.login.password). */
const TYPE_WORD = /^(?:[A-Za-z][A-Za-z _-]{1,23}|\p{Script=Han}{2,8})$/u;

/**
 * A label/value pair ({"Name": "起点", "Value": "富华大厦C座"}, an OCR receipt's fields): the label is the value's field
 * name, written by the app, and no value of its own.
 */
const LABEL_KEYS = new Set(['name', 'key', 'label', 'title', 'field']);
const PAIR_VALUE_KEYS = new Set(['value', 'val']);
const LABEL_END = /(?:name|key|label|title|field)$/;
const LABEL_TEXT = /^(?:\p{Script=Han}{2,12}|[A-Za-z][A-Za-z _-]{1,23})$/u;
/** A pair object holds its label and value and at most this many fields in all (an id, a unit). */
const PAIR_FIELDS = 4;

export interface TypedObjects {
  /** What each object says it holds, by the object's path: "phone", "passport", 起点. */
  typeOf: Map<string, string>;
  /** The paths of the label fields of label/value pairs. */
  labels: Set<string>;
}

/**
 * The type field of each object of a flow, by the object's path (short values only); and the label of each
 * label/value pair, where the pairs are a list of fields one of whose labels the vocabulary knows (手机号 among
 * 起点, 车型): a list of pairs named 张三 and 李四 is an address book, not field labels.
 */
export function typedObjects(index: KeyIndex, leaves: readonly Leaf[], siblings: ReadonlyMap<string, ReadonlySet<string>>): TypedObjects {
  const typeOf = new Map<string, string>();
  const pairs = new Map<string, { object: string; label: Leaf }[]>();
  for (const leaf of leaves) {
    if (leaf.key === undefined || typeof leaf.value !== 'string') continue;
    const k = normalise(leaf.key);
    const object = leaf.parent ?? '';
    if (TYPE_KEYS.has(k) && TYPE_WORD.test(leaf.value)) typeOf.set(object, leaf.value.trim());
    else if (labelKey(leaf.key) !== undefined && LABEL_TEXT.test(leaf.value.trim())) {
      const fields = siblings.get(object);
      const valueKeys = pairValueKeys(leaf.key);
      if (!fields || fields.size > PAIR_FIELDS || ![...fields].some((f) => valueKeys.has(f))) continue;
      // Pairs in one list are read together: the list is the object's path without its last index.
      const list = object.replace(/\[\d+\]$/, '');
      let group = pairs.get(list);
      if (!group) pairs.set(list, (group = []));
      group.push({ object, label: leaf });
    }
  }
  const labels = new Set<string>();
  for (const group of pairs.values()) {
    if (!group.some((p) => matchKey(index, (p.label.value as string).trim()))) continue;
    for (const p of group) {
      if (!typeOf.has(p.object)) typeOf.set(p.object, (p.label.value as string).trim());
      labels.add(p.label.path);
    }
  }
  return { typeOf, labels };
}

/** For a pair's label field (Name, itemPropName), the words before its label word ("", "itemprop"). */
function labelKey(key: string): { head: string } | undefined {
  // Most names end in no label word: the memoised normal form says so before the name is split.
  if (!LABEL_END.test(normalise(key))) return undefined;
  const words = keyWords(key);
  const word = words[words.length - 1];
  return word !== undefined && LABEL_KEYS.has(word) ? { head: words.slice(0, -1).join('') } : undefined;
}

/** The names the value field of a label field's pair may have: Value beside Name, itemPropValue beside itemPropName. */
function pairValueKeys(key: string): Set<string> {
  const head = labelKey(key)?.head ?? '';
  return new Set([...PAIR_VALUE_KEYS].flatMap((v) => (head ? [v, head + v] : [v])));
}

/** The leaf is the label of a label/value pair: it names its sibling's value and discloses nothing. */
export function isPairLabel(leaf: Leaf, hints: FlowHints | undefined): boolean {
  // The flow's pairs are worked out only for a leaf that could be a label (a name-like field holding a short word).
  return leaf.key !== undefined && typeof leaf.value === 'string' && LABEL_TEXT.test(leaf.value.trim()) && labelKey(leaf.key) !== undefined && hints?.typed?.labels.has(leaf.path) === true;
}

/** The name a generic value field stands for: its object's type ("phone"), else its object's own name (phone_numbers[0].data). */
function standInName(leaf: Leaf, hints: FlowHints): string | undefined {
  if (leaf.key === undefined || leaf.items !== undefined) return undefined;
  const k = normalise(leaf.key);
  // A pair's value named with its label's words (itemPropValue beside itemPropName) stands for the label too.
  if (!GENERIC_VALUE_KEYS.has(k)) return /val(?:ue)?$/.test(k) && PAIR_VALUE_KEYS.has(keyWords(leaf.key).at(-1) ?? '') ? hints.typed?.typeOf.get(leaf.parent ?? '') : undefined;
  return hints.typed?.typeOf.get(leaf.parent ?? '') ?? lastKeyOf(leaf.parent);
}

/** The normalised field names of each object of a flow (by the object's path; top-level fields under ""). */
export function siblingNames(leaves: readonly Leaf[]): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const leaf of leaves) {
    if (leaf.key === undefined) continue;
    const parent = leaf.parent ?? '';
    let names = out.get(parent);
    if (!names) out.set(parent, (names = new Set()));
    names.add(normalise(leaf.key));
  }
  return out;
}

/** A contextual name (model) in an object of any name that holds a field of a type the name goes with (imei, os_version). */
function besideMatch(v: Vocabulary, leaf: Leaf, hints: FlowHints): KeyMatch | undefined {
  const under = v.under.get(normalise(leaf.key ?? ''));
  if (!under || under.besides.size === 0) return undefined;
  const beside = [...siblingTypes(v, leaf, hints)].find((t) => under.besides.has(t));
  return beside ? { how: 'under', slug: under.slug, matched: `${leaf.key} beside a ${beside} field` } : undefined;
}

/** The types the other fields of the leaf's object name outright (idfa, email, phone). */
function siblingTypes(v: Vocabulary, leaf: Leaf, hints: FlowHints): Set<string> {
  const own = normalise(leaf.key ?? '');
  const out = new Set<string>();
  for (const n of hints.siblings?.get(leaf.parent ?? '') ?? []) {
    const t = n === own ? undefined : v.strong.get(n);
    if (t) out.add(t);
  }
  return out;
}

export function detectByKey(index: KeyIndex, leaf: Leaf, valueText: string, hints: FlowHints = {}): Detection[] {
  // Items of a named list are covered by the list's own detection ("app_list": [...] once, not per item),
  // unless the item is a scalar identifier of a list of them ("imei": ["86...", "86..."]).
  if (leaf.key === undefined) return [];
  const standIn = standInName(leaf, hints);
  const key = leaf.key;
  // The evidence names the field itself ("value") and says the name it stood for came from its object.
  const said = standIn !== undefined ? matchKey(index, standIn) : undefined;
  // A stand-in that names nothing leaves the field its own name (a documentNumber in an object named for nothing).
  const first = said ? { ...said, matched: `${said.matched}, as its object says` } : matchKey(index, key, lastKeyOf(leaf.parent)) ?? besideMatch(index.vocabulary, leaf, hints);
  for (let hit = first; hit; hit = hit.otherwise) {
    const found = detectAs(index, hit, leaf, key, valueText, hints);
    if (found.length > 0) return found;
  }
  return [];
}

/** What the leaf is under one reading of its field name. */
function detectAs(index: KeyIndex, hit: KeyMatch, leaf: Leaf, key: string, valueText: string, hints: FlowHints): Detection[] {
  const binary = typeof leaf.value !== 'string';
  const container = leaf.items !== undefined;
  const flag = !binary && !container && /^(?:true|false)$/.test(valueText.trim());
  if (flag && hit.how !== 'family' && index.vocabulary.flagTypes.has(hit.slug)) {
    return [{ piType: hit.slug, value: valueText.trim(), detector: 'key-name', evidence: `field name "${key}" names ${hit.slug} (vocabulary "${hit.matched}"); its true/false discloses it`, confidence: 0.75 }];
  }
  // Codes of zero say "not set" (WeChat's, QQ's and JMessage's gender 0 is unknown): no value.
  if (!binary && !container && (isEmptyish(valueText) || valueText.length > 2000)) return [];
  const hashed = binary || container ? undefined : hashedValue(index, hit, key, valueText.trim(), hints);
  if (hit.how === 'family') return hashed ? [hashed] : binary || container ? [] : byFamily(hit.family, hit.matched, key, valueText.trim(), hints, siblingTypes(index.vocabulary, leaf, hints));
  if (index.mediaSlugs.has(hit.slug)) return [];
  if (hit.slug === 'account_id' && !binary && !container) {
    const channel = paymentChannel(index.vocabulary, valueText.trim(), hints.typed?.typeOf.get(leaf.parent ?? ''));
    // The account's name there (account_name) is its holder's, a person or a company: not the account itself.
    if (channel && keyWords(key).at(-1) === 'name') return [];
    if (channel) return [{ piType: 'fund_account', value: valueText.trim(), detector: 'key-name+channel', evidence: `field name "${key}" names an account (vocabulary "${hit.matched}"); ${channel}: an account money is paid through`, confidence: 0.85 }];
    // A sign-in name written as a Chinese personal name (username 邵固: surname first, no ordinary word) is the person's name.
    const v = valueText.trim();
    if (isChineseName(v) && !isOrdinaryWord(v)) return [{ piType: 'real_name', value: v, detector: 'key-name+format', evidence: `field name "${key}" names an account (vocabulary "${hit.matched}"); the value is a Chinese personal name (surname first): the person signs in under their name`, confidence: 0.85 }];
  }
  if (hit.how === 'inPerson' && !inPersonObject(index.vocabulary, leaf, hints)) return [];
  const shape = VALUE_SHAPES[hit.slug];
  if (leaf.item && !(shape?.scalarOnly && !container)) return [];
  if (hashed) return [hashed];
  // A file under a named field (a labour contract scan) is that type; a number-shaped type is not a file.
  if ((binary || container) && ((shape && !shape.objects) || hit.how === 'shaped')) return [];
  const where = { under: ', inside its object', inPerson: ", inside a person's object", inMessage: ', inside a message' } as Record<string, string>;
  const evidence = `field name "${key}" names ${hit.slug} (vocabulary "${hit.matched}"${where[hit.how] ?? ''})`;
  const value = valueText.trim();
  if (hit.how === 'inMessage') {
    // A message's parties: the name a person shows (灰灰) as a nickname, a handle with a letter (fang) as an account.
    const shaped = hit.slug === 'nickname' ? NAME_TOKENS.test(value) && value.length <= 40 : HANDLE.test(value) && (shape?.loose?.(value) ?? true);
    if (binary || container || !shaped || !inMessageObject(index.vocabulary, leaf, hints)) return [];
    return [{ piType: hit.slug, value, detector: 'key-name+message', evidence: `${evidence}; written with letters: ${hit.slug === 'nickname' ? 'the name its sender or addressee goes by' : 'the account it goes from or to'}`, confidence: 0.8 }];
  }
  if (PERSON_NAMES.has(hit.slug) && isDefaultName(value)) return [];

  // A search filter's sex and age say whom the user looks for (a dating app's searchCondition), not the user's own.
  if (PREFERENCE_TYPES.has(hit.slug) && keyWords(lastKeyOf(leaf.parent) ?? '').some((w) => FILTER_WORDS.has(w))) return [];
  // A person's name under a thing's name is the thing's (corp_full_name, app_nickname).
  if (PERSON_NAMES.has(hit.slug) && hit.how === 'name' && hit.head?.some((w) => index.vocabulary.thingObjects.has(w) || index.vocabulary.businessObjects.has(w))) return [];
  if (hit.how === 'shaped') {
    const context = [...keyWords(lastKeyOf(leaf.parent) ?? ''), ...(hit.head ?? [])];
    if (hit.slug === 'real_name' && !personalNameHere(index.vocabulary, value, context)) {
      const named = nameInPersonRecord(index.vocabulary, value, context, siblingTypes(index.vocabulary, leaf, hints));
      if (!named) return [];
      const why = named === 'nickname' ? "; written in Chinese characters but not as a Chinese name (no surname first): the name the person goes by" : '';
      return [{ piType: named, value, detector: 'key-name+record', evidence: `${evidence}; the same object holds the person's e-mail address, phone number or sex: the name of that person's record${why}`, confidence: 0.8 }];
    }
    if (hit.slug !== 'real_name' && context.some((w) => index.vocabulary.businessObjects.has(w))) return [];
    return shape?.strict?.(value) ? [{ piType: hit.slug, value, detector: 'key-name+format', evidence: `${evidence}; the name alone is too general, the value has the ${hit.slug} format`, confidence: 0.85 }] : [];
  }
  const found = ((): Detection[] => {
    if (binary || container || !shape) return [{ piType: hit.slug, value: valueText, detector: 'key-name', evidence, confidence: 0.75 }];
    if (shape.strict?.(value)) return [{ piType: hit.slug, value, detector: 'key-name+format', evidence: `${evidence}; value has the ${hit.slug} format`, confidence: 0.95 }];
    if (shape.loose?.(value) || (hit.how === 'inPerson' && shape.inRecord?.(value))) return [{ piType: hit.slug, value, detector: 'key-name', evidence: `${evidence}; value is shaped like one`, confidence: 0.75 }];
    return [];
  })();
  return hit.how === 'under' ? found.map((d) => ({ ...d, contextual: true })) : found;
}

/**
 * A digest under a name that names a type APIs send hashed (em, imei: sha1), or under any name that says it
 * is hashed (didsha1, email_md5): that value, hashed. A generic identifier name (did) is its family's first type
 * the flow's platform allows, as the value's format cannot tell.
 */
function hashedValue(index: KeyIndex, hit: KeyMatch, key: string, value: string, hints: FlowHints): Detection | undefined {
  // A too-general name (name, mac: often an HMAC) counts only when it says it is hashed.
  const typed = hit.how === 'name' || hit.how === 'under';
  if (!DIGEST.test(value) || !(hit.hashed !== undefined || (typed && index.sentHashed.has(hit.slug)))) return undefined;
  const slug = hit.how === 'family' ? hit.family.types.find((t) => { const only = hit.family.platforms[t]; return !only || only === hints.platform; }) : hit.slug;
  if (!slug || index.mediaSlugs.has(slug)) return undefined;
  const named = hit.how === 'family' ? `is a generic ${hit.family.family.replace(/_/g, ' ')} name ("${hit.matched}"), taken as the ${slug}` : `names ${slug} (vocabulary "${hit.matched}")`;
  const said = hit.hashed ? `; the name says it is hashed (${hit.hashed})` : '';
  return { piType: slug, value, detector: 'key-name+digest', evidence: `field name "${key}" ${named}${said}; the value is a ${DIGEST_ALGO[value.length]} digest: the ${slug} sent hashed`, confidence: 0.8 };
}

/**
 * A bare "name" is a person's only with a person word (traits.name, receiverName), or as a Chinese name
 * (surname first) without a thing word: "App Publisher" under publisher and appName 王者荣耀 are not people.
 */
function personalNameHere(v: Vocabulary, value: string, context: string[]): boolean {
  if (context.some((w) => v.thingObjects.has(w))) return false;
  if (isChineseName(value)) return true;
  return isLatinName(value) && context.some((w) => v.personObjects.has(w));
}

/** Types whose field marks an object as a person's record (a coach with name and sex, a profile with a phone). */
const PERSON_FIELDS = ['real_name', 'gender', 'phone_number', 'email', 'nickname', 'id_number', 'birth_date'];

/** A person's object: named by a person word (user, profile, data), or holding a person's name, sex, phone or e-mail field. */
function inPersonObject(v: Vocabulary, leaf: Leaf, hints: FlowHints): boolean {
  const words = keyWords(lastKeyOf(leaf.parent) ?? '');
  if (words.some((w) => v.personObjects.has(w)) && !(words.every((w) => v.wrapperObjects.has(w)) && insideThing(v, leaf.parent))) return true;
  const siblings = siblingTypes(v, leaf, hints);
  return PERSON_FIELDS.some((t) => siblings.has(t));
}

/** A message: its object is named by a message word (message, chat) or holds a message's text field (content, msg). */
function inMessageObject(v: Vocabulary, leaf: Leaf, hints: FlowHints): boolean {
  if (keyWords(lastKeyOf(leaf.parent) ?? '').some((w) => v.messageObjects.has(w))) return true;
  return [...(hints.siblings?.get(leaf.parent ?? '') ?? [])].some((n) => v.messageObjects.has(n));
}

/** The object holding this path is a thing's (an element of "events", a "product"): events[3].data -> events. */
function insideThing(v: Vocabulary, path: string | undefined): boolean {
  const dot = path?.lastIndexOf('.') ?? -1;
  if (dot < 0) return false;
  return keyWords(lastKeyOf(path!.slice(0, dot)) ?? '').some((w) => {
    const one = w.length > 3 && w.endsWith('s') ? w.slice(0, -1) : w;
    return v.thingObjects.has(w) || v.thingObjects.has(one) || v.businessObjects.has(w) || v.businessObjects.has(one);
  });
}

/** The payment channel an account belongs to: its object's account type (支付宝), or the channel its value starts with. */
function paymentChannel(v: Vocabulary, value: string, objectType: string | undefined): string | undefined {
  if (objectType !== undefined && v.paymentChannels.has(normalise(objectType))) return `its object's account type is ${objectType}`;
  const lead = /^(\p{Script=Han}{2,5}|[A-Za-z]+)\s*[(（:：]/u.exec(value)?.[1];
  return lead !== undefined && v.paymentChannels.has(normalise(lead)) ? `the value names its channel, ${lead}` : undefined;
}

const PREFERENCE_TYPES = new Set(['gender', 'age', 'birth_date']);
const FILTER_WORDS = new Set(['search', 'filter', 'filters', 'criteria', 'condition', 'conditions', 'preference', 'preferences', 'match']);

/** The types that name a person: under a name that starts with a thing's word they are the thing's. */
const PERSON_NAMES = new Set(['real_name', 'nickname']);

/** An account handle: letters, digits and . _ - only, no spaces or @ (an e-mail address is its own type). */
const HANDLE = /^[\p{L}\p{N}_.-]{2,64}$/u;

/** Letters only, up to four words: a given name (Alice), a full name, a placeholder letter (d); not User_id_identify. */
const NAME_TOKENS = /^\p{L}[\p{L}\p{M}'’.-]*(?: \p{L}[\p{L}\p{M}'’.-]*){0,3}$/u;

/** A bare "name" in the same object as a person's e-mail, phone or sex field (an address book entry, a profile) is that person's name. */
function nameInPersonRecord(v: Vocabulary, value: string, context: string[], siblings: Set<string>): 'real_name' | 'nickname' | undefined {
  // An ordinary word (测试 "test", 患者姓名 "patient's name") under a name is a placeholder or a label, not a handle.
  if (context.some((w) => v.thingObjects.has(w) || v.businessObjects.has(w)) || isOrdinaryWord(value)) return undefined;
  if (!(siblings.has('email') || siblings.has('phone_number') || siblings.has('gender')) || value.length > 40 || !NAME_TOKENS.test(value)) return undefined;
  // A Chinese name would have passed as one before this (surname first): other Han names are handles (小灰).
  return /^\p{Script=Han}+$/u.test(value) ? 'nickname' : 'real_name';
}

/**
 * A generic identifier name (did, adid, ifa): the first type of the family whose format the value has. A type
 * a sibling field names outright is that sibling's, not this field's (device_id beside idfv); and a sibling
 * holding one platform's identifier makes the generic one the other platform's (adid beside idfa is Google's).
 */
function byFamily(family: Family, matched: string, key: string, value: string, hints: FlowHints, siblings: Set<string>): Detection[] {
  const claimed = family.types.filter((t) => siblings.has(t));
  const bound = claimed.map((t) => family.platforms[t]).find((p) => p !== undefined);
  const platform: Platform | undefined = bound ? (bound === 'ios' ? 'android' : 'ios') : hints.platform;
  for (const t of family.types) {
    const only = family.platforms[t];
    if (claimed.includes(t) || (only && only !== platform) || !VALUE_SHAPES[t]?.strict?.(value)) continue;
    return [{
      piType: t,
      value,
      detector: 'key-name+format',
      evidence: `field name "${key}" is a generic ${family.family.replace(/_/g, ' ')} name ("${matched}"); the value has the ${t} format${only ? (bound ? ` and a sibling field holds the ${claimed.join(', ')}: this one is the ${only} identifier` : ` and the flow comes from ${only}`) : ''}`,
      confidence: 0.9,
    }];
  }
  return [];
}
