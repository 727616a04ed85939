// What a value must look like before a field name alone counts as evidence of its PI type.
// `strict` validators make a key-name hit a format-confirmed one; `loose` ones only rule out
// flags and placeholders (a "mobile": "1" flag is not a phone number).

import type { CodePiSlug } from '../../core/pi-slugs.ts';
import { luhnValid, plausibleCardIssuer } from './checksums.ts';
import { isMaskedEmail } from './email.ts';
import { isImei } from './imei.ts';
import { isRealMac } from './mac.ts';
import { isMainlandMobile } from './mobile.ts';
import { isPersonalName } from './personal-name.ts';
import { isResidentId, residentIdLayout } from './resident-id.ts';
import { isVin } from './vin.ts';

export interface ValueShape {
  /** Confirms the format (checksum, structure): the hit is then near certain. */
  strict?: (v: string) => boolean;
  /** The least a value must look like; absent means strict is required. */
  loose?: (v: string) => boolean;
  /** Only scalars: an object or array under this key is not the type. */
  scalarOnly?: boolean;
  /** What the value may also be inside a person's record, under a name that counts only there (QQ's "account": "1234567"). */
  inRecord?: (v: string) => boolean;
  /** An object under the name is the type too, judged by its fields (an address object: detect-leaf's dropAreas). */
  objects?: boolean;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A device-generated UUID: not all zeros (tracking limited), not a run of one digit. */
const deviceUuid = (v: string): boolean => UUID.test(v) && !/^[0-]+$/.test(v) && new Set(v.replace(/-/g, '')).size > 4;
/** Android ID: 64-bit hex, 15-16 digits once leading zeros are dropped; a counting sequence is a placeholder. */
const androidId = (v: string): boolean =>
  /^[0-9a-f]{15,16}$/i.test(v) && /[a-f]/i.test(v) && /\d/.test(v) && !/^(?:0?123456789abcdef|1234567890abcdef)$/i.test(v) && new Set(v).size > 4;
// Windows builds run to five digits (10.0.19041); Apple writes "Mac OS X 10.15.3".
const OS_VERSION = /^(?:(?:android|ios|iphone os|ipados|harmonyos|emui|miui|windows(?: nt)?|mac ?os(?: x)?|os x)[\s_/-]*)?v?\d{1,2}(?:[._]\d{1,5}){0,3}$/i;
/** What a simulator or a desktop reports as its "model": the processor architecture, no device's model. */
const CPU_ARCHITECTURE = /^(?:x86(?:_64)?|i[3-6]86|amd64|arm64(?:-v8a|e)?|armv[5-8]\w*|armeabi(?:-v7a)?|aarch64|mips(?:64)?)$/i;
const digitsOf = (v: string): string => v.replace(/\D/g, '');
/**
 * Below the city: a house number or postcode, a Chinese street-level word, an English street type, or a line of three
 * parts and more. A city or a province alone ("shenzhen", 北京市朝阳区) is an area, not an address.
 */
const BELOW_CITY = /\d|[路街巷弄号村组镇乡栋幢楼室院苑庄屯]|\b(?:street|st|avenue|ave|road|rd|lane|ln|boulevard|blvd|drive|dr|way|place|square|flat|apt|suite|unit)\b/iu;
const DIVISIONS = /省|自治区|市|州|盟|区|县|旗/gu;
/** Chinese divisions followed by more: what follows the last division is the part below it (东城区 ddd). */
function belowLastDivision(t: string): boolean {
  let end = -1;
  for (const m of t.matchAll(DIVISIONS)) end = m.index + m[0].length;
  return end > 0 && t.slice(end).trim() !== '';
}
const addressLine = (v: string): boolean => {
  const t = v.trim();
  return BELOW_CITY.test(t) || t.split(/[,，]/).filter((p) => p.trim()).length >= 3 || belowLastDivision(t);
};
/**
 * Masked for display (188****8888, 6222 **** **** 1234): what privacy rules ask an app to show instead of the
 * value. The digits left do not disclose the number, so no loose shape admits a masking character: a masked value
 * is not the type it hides.
 */
const phoneDigits = (min: number, max: number) => {
  const shape = new RegExp(`^\\+?[\\d\\s()-]{${min},${max}}$`);
  return (v: string): boolean => shape.test(v.trim()) && digitsOf(v).length >= 3;
};

function bankCard(v: string): boolean {
  const d = v.replace(/[\s-]/g, '');
  return /^\d{16,19}$/.test(d) && luhnValid(d) && plausibleCardIssuer(d);
}

/** Under a card-number name: the digits of a card of a known network, check digit or not (test cards fail Luhn). */
function cardLike(v: string): boolean {
  const t = v.trim();
  const d = t.replace(/[\s-]/g, '');
  return /^\d{12,19}$/.test(d) && plausibleCardIssuer(d);
}

/** A date as documents print it: 2010.07.21, 2010-07-21, 2010/7/21, 2010年07月21日. */
const DOC_DATE = String.raw`(\d{4})[.\-/年](\d{1,2})[.\-/月](\d{1,2})日?`;
const PERIOD = new RegExp(`^${DOC_DATE}\\s*(?:-|—|~|至|到)\\s*(?:${DOC_DATE}|长期)$`);
/**
 * Identity documents hold for a whole number of years: resident IDs 5, 10 or 20 years or for life (长期, 居民身份证法),
 * passports and travel permits 5 or 10, Chinese driving licences 6 or 10 (机动车驾驶证申领和使用规定): a coupon's or
 * a contract's period is not so.
 */
const DOCUMENT_YEARS = new Set([5, 6, 10, 20]);
function validityPeriod(v: string): boolean {
  const m = PERIOD.exec(v.trim());
  if (!m) return false;
  if (m[4] === undefined) return true;
  return DOCUMENT_YEARS.has(Number(m[4]) - Number(m[1]));
}

function ipAddress(v: string): boolean {
  const t = v.trim();
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(t);
  if (m) return m.slice(1).every((o) => Number(o) <= 255) && t !== '0.0.0.0' && !t.startsWith('127.');
  return /^[0-9a-f]{0,4}(?::[0-9a-f]{0,4}){2,7}$/i.test(t) && /[0-9a-f]{2}/i.test(t) && t !== '::1';
}

// Keyed by slugs the code names (src/core/pi-slugs.ts), so a key the catalog lacks fails the type check and the load.
export const VALUE_SHAPES: Readonly<Record<string, ValueShape>> = {
  phone_number: { strict: (v) => isMainlandMobile(digitsOf(v).replace(/^86(?=1\d{10}$)/, '')), loose: phoneDigits(5, 20), scalarOnly: true },
  // loose: the layout of a resident ID (15 or 18 characters with a real birth date) even when the check fails; a
  // hospital card number (123456765) under a name ending in id_no is not one, nor a run of ones.
  id_number: { strict: (v) => isResidentId(v.trim()), loose: (v) => residentIdLayout(v.trim()), scalarOnly: true },
  email: { loose: (v) => /^[^\s@]{1,64}@[^\s@]{1,255}$/.test(v.trim()) && !isMaskedEmail(v.trim()), scalarOnly: true },
  bank_card_number: { strict: bankCard, loose: cardLike, scalarOnly: true },
  // strict: a Chinese passport (E12345678, EA1234567); loose: the 6-12 letters and digits other countries issue (19KL56147).
  passport_number: { strict: (v) => /^(?:[EG]\d{8}|E[A-HJ-NP-Z]\d{7})$/.test(v.trim()), loose: (v) => /^(?=.*\d)[A-Z0-9]{6,12}$/i.test(v.trim()), scalarOnly: true },
  imei: { strict: (v) => isImei(v.trim()) || /^\d{14}$/.test(v.trim()), scalarOnly: true },
  // MEIDs begin with a regional code of A0-FF (hex) or 99 (decimal ranges): other 14-hex strings are not MEIDs.
  meid: { strict: (v) => /^(?:[A-Fa-f][0-9A-Fa-f]|99)[0-9A-Fa-f]{12}$/.test(v.trim()), scalarOnly: true },
  // Under its own name an Android ID may also be written as a UUID (Amplitude's and Adjust's examples do).
  android_id: { strict: (v) => androidId(v.trim()), loose: (v) => deviceUuid(v.trim()), scalarOnly: true },
  oaid: { strict: (v) => deviceUuid(v.trim()) || /^[0-9a-f]{16}$|^[0-9a-f]{64}$/i.test(v.trim()), scalarOnly: true },
  idfa: { strict: (v) => deviceUuid(v.trim()), scalarOnly: true },
  idfv: { strict: (v) => deviceUuid(v.trim()), scalarOnly: true },
  gaid: { strict: (v) => deviceUuid(v.trim()), scalarOnly: true },
  advertising_id: { strict: (v) => deviceUuid(v.trim()), scalarOnly: true },
  mac_address: { strict: (v) => isRealMac(v.trim()), scalarOnly: true },
  real_name: { strict: isPersonalName, loose: (v) => v.trim().length <= 40 && /\p{L}/u.test(v), scalarOnly: true },
  // A name the user picks has a letter in it; a bare number under a login word is a count or a server's id. In a
  // person's record, though, the account is often a number: a QQ number, a student number used to sign in.
  account_id: { loose: (v) => v.trim().length >= 2 && v.trim().length <= 64 && /\p{L}/u.test(v), inRecord: (v) => /^\d{5,20}$/.test(v.trim()), scalarOnly: true },
  // strict: the OS is named with its version (Windows 8, iOS 12.2), so a bare "os" field holding one counts.
  os_version: { strict: (v) => OS_VERSION.test(v.trim()) && /^[a-z]/i.test(v.trim()), loose: (v) => OS_VERSION.test(v.trim()), scalarOnly: true },
  device_model: { loose: (v) => v.trim().length >= 2 && v.trim().length <= 48 && /[A-Za-z\p{Script=Han}]/u.test(v) && !/^https?:/i.test(v) && !CPU_ARCHITECTURE.test(v.trim()), scalarOnly: true },
  vehicle_identification_number: { strict: (v) => isVin(v.trim()), loose: (v) => /^[A-HJ-NPR-Z0-9]{8,17}$/i.test(v.trim()), scalarOnly: true },
  serial_number: { strict: (v) => /^[A-Za-z0-9]{6,24}$/.test(v.trim()) && !/^unknown$/i.test(v.trim()), scalarOnly: true },
  ip_address: { strict: ipAddress, scalarOnly: true },
  imsi: { strict: (v) => /^46\d{13}$/.test(v.trim()), scalarOnly: true },
  iccid: { strict: (v) => /^89\d{17,20}F?$/.test(v.trim()), scalarOnly: true },
  age: { loose: (v) => /^\d{1,3}$/.test(v.trim()) && Number(v) > 0 && Number(v) <= 150, scalarOnly: true },
  // strict: a document's validity period (2010.07.21-2020.07.21, 2015.03.01-长期); loose: any date or 长期.
  id_validity: { strict: validityPeriod, loose: (v) => /\d|长期/.test(v), scalarOnly: true },
  birth_date: { loose: (v) => /\d/.test(v) && v.length <= 30, scalarOnly: true },
  gender: { loose: (v) => v.trim().length <= 10, scalarOnly: true },
  address: { loose: addressLine, objects: true },
  // A hospital is named with letters; a bare number under "hospital" is its id.
  hospital_and_department: { loose: (v) => /\p{L}/u.test(v) && v.trim().length <= 80, scalarOnly: true },
  licence_plate: { loose: (v) => v.trim().length >= 5 && v.trim().length <= 12, scalarOnly: true },
  location: { loose: (v) => /^-?\d{1,3}\.\d{2,}(\s*,\s*-?\d{1,3}\.\d{2,})?$/.test(v.trim()) },
  sms_code: { loose: (v) => /^[A-Za-z0-9]{4,8}$/.test(v.trim()), scalarOnly: true },
} satisfies Partial<Record<CodePiSlug, ValueShape>>;

/**
 * The name a server gives an account nobody named (游客1702151809256950, 用户8837261, guest_20931): a word for "a user"
 * and a number, so it says nothing about the person.
 */
export function isDefaultName(v: string): boolean {
  return /^(?:游客|访客|用户|会员|新用户|user|guest|visitor|member)[_\-\s]?\d{4,}$/i.test(v.trim());
}

/** Values that say "nothing here": empty, flags, nulls, placeholders of zeros. */
export function isEmptyish(v: string): boolean {
  const t = v.trim().toLowerCase();
  return (
    t === '' ||
    /^(true|false|null|nil|none|undefined|unknown|n\/a|na|-+|\*+)$/.test(t) ||
    // One letter or character repeated (xxx, aaaa, 点点点): the placeholder of API documentation, not a value.
    /^(\p{L})\1{2,}$/u.test(t) ||
    /^[0\s:.\-]+$/.test(t)
  );
}
