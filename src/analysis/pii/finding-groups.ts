// What only a group of findings or leaves shows, applied after every leaf is read: a contextual name yields to an
// outright one, empty and bot records disclose nothing, an address split over fields is one address, a list of
// name-and-phone entries is one address book, a list of contacts with remark names one messaging contact list.

import type { Leaf } from '../decode/leaf.ts';
import type { Detection } from './detection.ts';
import { lastKeyOf } from './key-names.ts';
import { isEmptyish } from './value-shapes.ts';
import { isPersonalName } from './personal-name.ts';
import { keyWords, normalise, type Vocabulary } from './vocabulary.ts';

export interface LeafFinding {
  leaf: Leaf;
  /** Path the finding is reported at (the leaf's, or the enclosing object's for grouped findings). */
  path: string;
  detection: Detection;
}


/** The per-leaf findings of one flow, with what their groups say applied, in a fixed order. */
export function refineFindings(found: LeafFinding[], leaves: Leaf[], v: Vocabulary): LeafFinding[] {
  const named = dropLegEnds(dropPlacePositions(dropAreas(dropEmptyContainers(dropBots(yieldContextual(found), leaves), leaves), leaves)));
  return groupMessagingContacts(groupContacts(dropListsSaidByEntries(groupAddresses(named, leaves, v.addressParts)), leaves, v), leaves, v.contactRemarks);
}

/** A list found by its name whose entries are found as the same type (Shopify's customer.addresses) is said by its entries. */
function dropListsSaidByEntries(found: LeafFinding[]): LeafFinding[] {
  if (!found.some((f) => f.leaf.items !== undefined)) return found;
  return found.filter((f) => {
    if (f.leaf.items === undefined || !f.detection.detector.startsWith('key-name')) return true;
    return !found.some((g) => g !== f && g.detection.piType === f.detection.piType && inside(f.path, g.path));
  });
}

/** `path` lies below `container` (a field or an entry of it). */
function inside(container: string, path: string): boolean {
  return path.length > container.length && path.startsWith(container) && (path[container.length] === '.' || path[container.length] === '[');
}

/** An address split over sibling fields counts once three parts are there, one of them below the city. */
const MIN_ADDRESS_PARTS = 3;
const STREET_PARTS = new Set(['street', 'streetname', 'streetaddress', 'buildingnumber', 'buildingname', 'town', 'township', 'village', 'community', 'building', 'room', 'housenumber', 'detail', 'detailaddress', 'addrdetail', 'append', 'district', 'county', 'jiedao', 'cun', '街道', '乡镇', '村', '详细地址', '门牌号', '区', '县']);

/** Parts below the street line: the building, house or room it leads to. */
const HOUSE_PARTS = new Set(['house', 'housenumber', 'room', 'building', 'buildingname', 'menpai', '门牌号']);

/** A finding read from a contextual name is dropped where a sibling field named outright holds the same type. */
function yieldContextual(found: LeafFinding[]): LeafFinding[] {
  if (!found.some((f) => f.detection.contextual)) return found;
  const outright = new Set(found.filter((f) => !f.detection.contextual).map((f) => `${f.leaf.parent ?? ''}\u0000${f.detection.piType}`));
  return found.filter((f) => !f.detection.contextual || !outright.has(`${f.leaf.parent ?? ''}\u0000${f.detection.piType}`));
}

const POSTCODES = new Set(['postcode', 'postalcode', 'zip', 'zipcode', 'youbian', '邮编']);

/**
 * An object named "address" that holds only a city, region or country is an area, not an address: it
 * counts when one of its fields is below the city (street, detail) or it has a postal code with the city.
 */
function dropAreas(found: LeafFinding[], leaves: Leaf[]): LeafFinding[] {
  return found.filter((f) => {
    if (f.detection.piType !== 'address' || f.leaf.items === undefined) return true;
    const children = leaves.filter((l) => l.parent === f.path && l.key !== undefined && typeof l.value === 'string' && l.value.trim());
    const names = new Set(children.map((l) => normalise(l.key!)));
    if (children.length === 0) return true;
    return [...names].some((n) => STREET_PARTS.has(n) || /street|line\d|address\d|detail/.test(n)) || ([...names].some((n) => POSTCODES.has(n)) && names.has('city'));
  });
}

const TRIP_ENDS = new Set(['departure_place', 'destination']);

/**
 * The coordinates of a trip's end (Duffel's slices[0].origin, an airport) are that place's position, said by the
 * departure or destination finding at the same object: no second finding as a location. A place found inside a
 * trip's end (Uber's receipt pickup.location, with its address and coordinates) is that end, said there once.
 */
function dropPlacePositions(found: LeafFinding[]): LeafFinding[] {
  const ends = found.filter((f) => TRIP_ENDS.has(f.detection.piType));
  if (ends.length === 0) return found;
  const places = new Set(ends.map((f) => f.path));
  const endOf = new Map<LeafFinding, LeafFinding>();
  // Per trip end, the place found nearest to it (pickup.location over pickup.location.address) speaks for it.
  const nearest = new Map<LeafFinding, LeafFinding>();
  for (const f of found) {
    if (f.detection.piType !== 'location' && f.detection.piType !== 'address') continue;
    const end = ends.find((e) => e.leaf.items !== undefined && inside(e.path, f.path));
    if (!end) continue;
    endOf.set(f, end);
    const best = nearest.get(end);
    if (!best || f.path.length < best.path.length) nearest.set(end, f);
  }
  const moved = new Set(nearest.keys());
  return found.flatMap((f): LeafFinding[] => {
    if (f.detection.piType === 'location' && places.has(f.path)) return [];
    if (moved.has(f)) return [];
    const end = endOf.get(f);
    if (!end) return [f];
    if (nearest.get(end) !== f) return [];
    const trip = end.detection.piType;
    return [{ ...f, detection: { ...f.detection, piType: trip, evidence: `${f.detection.evidence}; inside "${lastKeyOf(end.path) ?? end.path}", the trip's ${trip.replace('_', ' ')}` } }];
  });
}

/**
 * A journey's ends are said at the journey (Duffel's slices[0].origin): the same end of each leg inside it
 * (slices[0].segments[0].origin, the connections) is the leg's, not a second departure or destination.
 */
function dropLegEnds(found: LeafFinding[]): LeafFinding[] {
  const ends = found.filter((f) => TRIP_ENDS.has(f.detection.piType));
  if (ends.length < 2) return found;
  const objectOf = (path: string): string => path.slice(0, Math.max(path.lastIndexOf('.'), 0));
  return found.filter((f) => {
    if (!TRIP_ENDS.has(f.detection.piType)) return true;
    const own = objectOf(f.path);
    return !ends.some((e) => e !== f && e.detection.piType === f.detection.piType && objectOf(e.path) !== own && inside(objectOf(e.path), own));
  });
}

/** A record that says it is a bot's (Zulip's "is_bot": true) names no person: its name and address are the bot's. */
function dropBots(found: LeafFinding[], leaves: Leaf[]): LeafFinding[] {
  const bots = new Set(leaves.filter((l) => l.key !== undefined && BOT_FLAGS.has(normalise(l.key)) && l.value === 'true').map((l) => l.parent ?? ''));
  return bots.size === 0 ? found : found.filter((f) => !bots.has(f.leaf.parent ?? ''));
}

const BOT_FLAGS = new Set(['isbot', 'bot']);

/** The address part a field name ends in, after an owner's words (buyer_city is the city, receiver_zipcode the zip). */
function addressPart(key: string, parts: Set<string>): string | undefined {
  const direct = normalise(key);
  if (parts.has(direct)) return direct;
  const words = keyWords(key);
  for (let i = 1; i < words.length; i++) {
    const tail = words.slice(i).join('');
    if (parts.has(tail)) return tail;
  }
  return undefined;
}

/**
 * A container found by its name holds nothing when none of its fields has a value (Stripe's address objects whose
 * every field is null): it discloses nothing, and is dropped.
 */
function dropEmptyContainers(found: LeafFinding[], leaves: Leaf[]): LeafFinding[] {
  if (!found.some((f) => f.leaf.items !== undefined)) return found;
  return found.filter((f) => {
    if (f.leaf.items === undefined || !f.detection.detector.startsWith('key-name')) return true;
    return leaves.some((l) => l.items === undefined && inside(f.path, l.path) && (typeof l.value !== 'string' || !isEmptyish(l.value)));
  });
}

/** Province, city, district and street fields of one object: one address, reported at the object. */
function groupAddresses(found: LeafFinding[], leaves: Leaf[], parts: Set<string>): LeafFinding[] {
  // A field already found to be an address (a street line under "address" beside city, state and zip) is the
  // street-level part of the group.
  const streetLines = new Set(found.filter((f) => f.detection.piType === 'address' && f.leaf.items === undefined).map((f) => f.leaf));
  const byParent = new Map<string, Leaf[]>();
  const partOf = new Map<Leaf, string>();
  for (const leaf of leaves) {
    if (leaf.parent === undefined || leaf.key === undefined || typeof leaf.value !== 'string' || !leaf.value.trim()) continue;
    const part = addressPart(leaf.key, parts);
    if (part === undefined && !streetLines.has(leaf)) continue;
    partOf.set(leaf, part ?? normalise(leaf.key));
    byParent.set(leaf.parent, [...(byParent.get(leaf.parent) ?? []), leaf]);
  }
  const out = [...found];
  for (const [parent, group] of byParent) {
    const names = new Set(group.map((l) => partOf.get(l)!));
    // A street line found as an address with the house it names beside it (江湖's addr + house) is one address too.
    const lineAndHouse = group.some((l) => streetLines.has(l)) && group.some((l) => HOUSE_PARTS.has(partOf.get(l)!));
    if ((names.size < MIN_ADDRESS_PARTS && !lineAndHouse) || !group.some((l) => STREET_PARTS.has(partOf.get(l)!) || streetLines.has(l))) continue;
    // The parts are one address: drop address findings on the parts themselves.
    for (let i = out.length - 1; i >= 0; i--) if (out[i]!.detection.piType === 'address' && group.includes(out[i]!.leaf)) out.splice(i, 1);
    out.push({
      leaf: group[0]!,
      path: parent,
      detection: {
        piType: 'address',
        value: group.map((l) => String(l.value)).join(' '),
        detector: 'format:address-fields',
        evidence: `address split over ${names.size} sibling fields (${[...names].join(', ')})`,
        confidence: 0.9,
      },
    });
  }
  return out;
}

const ENTRY = /^(.*)\[(\d+)\](?:\.|\[|$)/;

/**
 * A list named for the people a service keeps records of (customers, users, members: WooCommerce's GET /customers,
 * by its key or by the resource its URL ends in) is those records, each reported on its own, not the user's address book.
 */
function namesRecords(list: string, leaves: Leaf[], v: Vocabulary): boolean {
  const name = leaves.find((l) => l.path === list && l.items !== undefined)?.key ?? lastKeyOf(list);
  const words = keyWords(name ?? '').map((w) => (w.length > 3 && w.endsWith('s') ? w.slice(0, -1) : w));
  return words.some((w) => v.personObjects.has(w) && !v.wrapperObjects.has(w) && !CONTACT_WORDS.has(w));
}

/**
 * Entries that carry an order's or a payment's own fields (order_id, order_status, pay_status, trade_no) are orders: the
 * name and phone in each are that order's recipient (a delivery app's order list), not entries of an address book.
 */
function entriesAreDeals(list: string, leaves: Leaf[], v: Vocabulary): boolean {
  const first = `${list}[0]`;
  const dealFields = new Set(leaves.filter((l) => l.parent === first && l.key !== undefined && v.businessObjects.has(keyWords(l.key)[0] ?? '')).map((l) => normalise(l.key!)));
  return dealFields.size >= 2;
}

const CONTACT_WORDS = new Set(['contact', 'friend', 'buddy', 'book', 'phonebook']);

/**
 * A list whose entries hold the names the user gave them (QQ's friend list: markname) is the user's messaging
 * contacts: one finding at the list, which may be the whole body. An address book found in it already says more.
 */
function groupMessagingContacts(found: LeafFinding[], leaves: Leaf[], remarks: ReadonlySet<string>): LeafFinding[] {
  const lists = new Map<string, { entries: Set<string>; first: Leaf }>();
  for (const leaf of leaves) {
    if (leaf.key === undefined || !remarks.has(normalise(leaf.key))) continue;
    const m = ENTRY.exec(leaf.path);
    if (!m || `${m[1]!}[${m[2]!}]` !== leaf.parent) continue;
    const slot = lists.get(m[1]!) ?? { entries: new Set<string>(), first: leaf };
    slot.entries.add(m[2]!);
    lists.set(m[1]!, slot);
  }
  const out = [...found];
  const contactLists = new Set(found.filter((f) => f.detection.piType === 'im_contact_list' && f.leaf.items !== undefined).map((f) => f.path));
  for (const [path, { entries, first }] of lists) {
    if (entries.size < 2 || found.some((f) => f.path === path && (f.detection.piType === 'contacts' || f.detection.piType === 'im_contact_list'))) continue;
    contactLists.add(path);
    out.push({
      leaf: first,
      path,
      detection: {
        piType: 'im_contact_list',
        value: `<list of ${entries.size} contacts with the names the user gave them>`,
        detector: 'format:contact-remarks',
        evidence: `${entries.size} entries of "${lastKeyOf(path) ?? path}" hold "${first.key}", the name a user gives a contact: the user's messaging contacts`,
        confidence: 0.85,
      },
    });
  }
  if (contactLists.size === 0) return out;
  // The contacts' names and accounts are what the list discloses: one finding, not one per friend.
  const inList = (p: string): boolean => [...contactLists].some((l) => p.startsWith(`${l}[`));
  return out.filter((f) => !(CONTACT_FIELDS.has(f.detection.piType) && inList(f.path)));
}

/** What a messaging contact list's entries hold about each contact, covered by the list's one finding. */
const CONTACT_FIELDS = new Set(['nickname', 'account_id', 'real_name']);

/**
 * A list of entries that each hold a phone number and a name is an address book: one contacts finding.
 * The name may sit under any field name when it is shaped like one (n: 张伟).
 */
function groupContacts(found: LeafFinding[], leaves: Leaf[], v: Vocabulary): LeafFinding[] {
  const lists = new Map<string, { entries: Set<string>; named: Set<string> }>();
  const slotOf = (list: string): { entries: Set<string>; named: Set<string> } => {
    let slot = lists.get(list);
    if (!slot) lists.set(list, (slot = { entries: new Set(), named: new Set() }));
    return slot;
  };
  for (const f of found) {
    const m = ENTRY.exec(f.leaf.path);
    if (!m || !(f.detection.piType === 'phone_number' || f.detection.piType === 'real_name')) continue;
    if (f.detection.piType === 'phone_number') slotOf(m[1]!).entries.add(m[2]!);
    else slotOf(m[1]!).named.add(m[2]!);
  }
  if (lists.size === 0) return found;
  for (const leaf of leaves) {
    const m = typeof leaf.value === 'string' ? ENTRY.exec(leaf.path) : undefined;
    if (m && lists.has(m[1]!) && isPersonalName(leaf.value as string)) lists.get(m[1]!)!.named.add(m[2]!);
  }
  const contactLists = [...lists]
    .filter(([p, s]) => s.entries.size >= 2 && [...s.entries].some((e) => s.named.has(e)) && !namesRecords(p, leaves, v) && !entriesAreDeals(p, leaves, v))
    .map(([p, s]) => ({ path: p, n: s.entries.size }));
  if (contactLists.length === 0) return found;
  const inList = (path: string): string | undefined => contactLists.find((c) => path.startsWith(`${c.path}[`))?.path;
  const out = found.filter((f) => !((f.detection.piType === 'phone_number' || f.detection.piType === 'real_name') && inList(f.leaf.path)));
  for (const c of contactLists) {
    const first = found.find((f) => f.leaf.path.startsWith(`${c.path}[`))!;
    out.push({
      leaf: first.leaf,
      path: c.path,
      detection: {
        piType: 'contacts',
        value: `<list of ${c.n} entries with name and phone number>`,
        detector: 'format:contact-list',
        evidence: `"${lastKeyOf(c.path) ?? c.path}" is a list of ${c.n} entries, each a name with a phone number: an address book`,
        confidence: 0.9,
      },
    });
  }
  return out;
}
