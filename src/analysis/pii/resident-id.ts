// 18-character resident identity numbers (GB 11643-1999): region, real birth date, check character.

import { realPastDate, residentIdChecksumValid, validProvinceCode } from './checksums.ts';
import { matchesOf, type TextDetector } from './text-detector.ts';

const RESIDENT_ID = /(?<![0-9A-Za-z])[1-8]\d{5}(?:19|20)\d{2}[01]\d[0-3]\d\d{3}[\dXx](?![0-9A-Za-z])/g;

export function isResidentId(id: string): boolean {
  if (!/^[1-8]\d{16}[\dXx]$/.test(id) || !validProvinceCode(id) || !residentIdChecksumValid(id)) return false;
  return realPastDate(Number(id.slice(6, 10)), Number(id.slice(10, 12)), Number(id.slice(12, 14)));
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
