// IMEI on its own: a whole value of 15 digits, valid Luhn check digit, and a GSMA reporting-body prefix.

import { luhnValid } from './checksums.ts';
import type { TextDetector } from './text-detector.ts';

/** Reporting-body identifiers most TACs begin with (GSMA); 86 and 35 cover most phones sold in China. */
const REPORTING_BODIES = new Set(['01', '35', '86', '91', '98', '99']);

export function isImei(digits: string): boolean {
  return /^\d{15}$/.test(digits) && luhnValid(digits) && !/^(\d)\1+$/.test(digits);
}

export const imeiDetector: TextDetector = {
  id: 'format:imei',
  piType: 'imei',
  mayHold: (p) => p.digits === 15,
  scan(text) {
    const v = text.trim();
    if (!isImei(v) || !REPORTING_BODIES.has(v.slice(0, 2))) return [];
    return [{ value: v, evidence: `15-digit value with valid Luhn check digit and IMEI reporting-body prefix ${v.slice(0, 2)}`, confidence: 0.8 }];
  },
};
