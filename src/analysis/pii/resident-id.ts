// 18-character resident identity numbers (GB 11643-1999): region, real birth date, check character.

import { realPastDate, residentIdChecksumValid, validProvinceCode } from './checksums.ts';
import { matchesOf, type TextDetector } from './text-detector.ts';

const RESIDENT_ID = /(?<![0-9A-Za-z])[1-8]\d{5}(?:19|20)\d{2}[01]\d[0-3]\d\d{3}[\dXx](?![0-9A-Za-z])/g;

export function isResidentId(id: string): boolean {
  if (!/^[1-8]\d{16}[\dXx]$/.test(id) || !validProvinceCode(id) || !residentIdChecksumValid(id)) return false;
  return realPastDate(Number(id.slice(6, 10)), Number(id.slice(10, 12)), Number(id.slice(12, 14)));
}

/**
 * The layout of a resident ID even when its check character is wrong (a typo in a doc, a form's test value): 15 or 18
 * characters holding a real birth date (15-digit IDs write the year in two digits, 19xx). 341111111111111111 has none.
 */
export function residentIdLayout(id: string): boolean {
  if (/^[1-8]\d{16}[\dXx]$/.test(id)) return realPastDate(Number(id.slice(6, 10)), Number(id.slice(10, 12)), Number(id.slice(12, 14)));
  return /^[1-8]\d{14}$/.test(id) && realPastDate(1900 + Number(id.slice(6, 8)), Number(id.slice(8, 10)), Number(id.slice(10, 12)));
}

export const residentIdDetector: TextDetector = {
  id: 'format:resident-id',
  piType: 'id_number',
  // 17 digits and a check character.
  mayHold: (p) => p.digits >= 17,
  scan(text) {
    const out = [];
    for (const m of matchesOf(RESIDENT_ID, text)) {
      if (!isResidentId(m[0])) continue;
      out.push({
        value: m[0],
        evidence: `18-character resident ID: region ${m[0].slice(0, 6)}, birth date ${m[0].slice(6, 14)} is real, check character valid`,
        confidence: 0.97,
      });
    }
    return out;
  },
};
