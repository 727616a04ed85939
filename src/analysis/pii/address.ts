// A Chinese postal address on its own: an administrative division (province, city, district or county)
// followed by a street-level part (road, street, lane, number, village, building, room). Place names
// alone ("北京市朝阳区") are an area, not an address, and do not count.

import type { TextDetector } from './text-detector.ts';

const DIVISION = /(?:省|自治区|特别行政区|市|自治州|州|盟|地区|区|县|旗)/u;
const STREET = /\p{Script=Han}{1,12}(?:路|街|大道|道|巷|弄|胡同|里|村|组|镇|乡)\s*(?:\d{1,5}|[一二三四五六七八九十百]+)?\s*(?:号|弄|巷|栋|幢|座|楼|单元|室|号院)?|\d{1,5}\s*(?:号|栋|幢|单元|室|楼)/u;

export function isChineseAddress(v: string): boolean {
  const t = v.trim();
  if (t.length < 6 || t.length > 120) return false;
  const d = DIVISION.exec(t);
  if (!d) return false;
  const rest = t.slice(d.index + d[0].length);
  return STREET.test(rest) && /[号栋幢室单元楼村组弄巷]/u.test(rest);
}

export const addressDetector: TextDetector = {
  id: 'format:address',
  piType: 'address',
  mayHold: (p, text) => p.wide && text.length >= 6,
  scan(text) {
    return isChineseAddress(text) ? [{ value: text.trim(), evidence: 'an administrative division followed by a street-level address part', confidence: 0.8 }] : [];
  },
};
