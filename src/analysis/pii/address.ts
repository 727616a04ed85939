// A postal address on its own. Chinese: an administrative division (province, city, district or county)
// followed by a street-level part (road, street, lane, number, village, building, room); place names
// alone ("北京市朝阳区") are an area, not an address, and do not count. English: a street line, a house
// number, a capitalised street name and a street type (17 Cherry Tree Lane, 381 Park Avenue S).

import type { TextDetector } from './text-detector.ts';

const DIVISION = /(?:省|自治区|特别行政区|市|自治州|州|盟|地区|区|县|旗)/u;
const STREET = /\p{Script=Han}{1,12}(?:路|街|大道|道|巷|弄|胡同|里|村|组|镇|乡)\s*(?:\d{1,5}|[一二三四五六七八九十百]+)?\s*(?:号|弄|巷|栋|幢|座|楼|单元|室|号院)?|\d{1,5}\s*(?:号|栋|幢|单元|室|楼)/u;

export function isChineseAddress(v: string): boolean {
  const t = v.trim();
  if (t.length < 6 || t.length > 120) return false;
  const d = DIVISION.exec(t);
  if (!d) return false;
  const rest = t.slice(d.index + d[0].length);
  // A building named after the street counts as the part below it (北苑路北辰泰岳大厦: RongCloud's location message).
  return STREET.test(rest) && /[号栋幢室单元楼村组弄巷]|大厦|广场|小区|公寓|花园/u.test(rest);
}

// Street types as USPS Publication 28 (Appendix C1) and Royal Mail write them, full and abbreviated.
const STREET_LINE = new RegExp(
  "^\\d{1,5}[A-Za-z]?,?\\s+(?:[A-Z][A-Za-z'.-]*\\s+){1,4}" +
    '(?:Street|St|Avenue|Ave|Road|Rd|Lane|Ln|Boulevard|Blvd|Drive|Dr|Court|Ct|Way|Place|Pl|Parkway|Pkwy|Terrace|Ter|Close|Crescent|Square|Sq|Highway|Hwy|Circle|Cir|Trail|Row|Mews|Gardens)\\.?' +
    '(?:\\s+(?:N|S|E|W|NE|NW|SE|SW|North|South|East|West))?(?:,\\s*[^,]{1,60}){0,4}$',
);

/** A street line in English: house number, one to four capitalised words, a street type (and a direction). */
export function isStreetLine(v: string): boolean {
  const t = v.trim();
  return t.length >= 8 && t.length <= 160 && STREET_LINE.test(t);
}

export const addressDetector: TextDetector = {
  id: 'format:address',
  piType: 'address',
  mayHold: (p, text) => (p.wide || p.digits > 0) && text.length >= 6,
  scan(text) {
    if (isChineseAddress(text)) return [{ value: text.trim(), evidence: 'an administrative division followed by a street-level address part', confidence: 0.8 }];
    return isStreetLine(text) ? [{ value: text.trim(), evidence: 'a street line: house number, street name and street type', confidence: 0.8 }] : [];
  },
};
