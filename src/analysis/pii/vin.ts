// Vehicle identification numbers (ISO 3779; GB 16735 in China): 17 characters without I, O or Q, whose
// ninth character is the check digit computed from the other sixteen.

import type { TextDetector } from './text-detector.ts';

const VALUES: Record<string, number> = {
  A: 1, B: 2, C: 3, D: 4, E: 5, F: 6, G: 7, H: 8, J: 1, K: 2, L: 3, M: 4, N: 5, P: 7, R: 9,
  S: 2, T: 3, U: 4, V: 5, W: 6, X: 7, Y: 8, Z: 9,
};
const WEIGHTS = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];

export function isVin(v: string): boolean {
  const s = v.toUpperCase();
  if (!/^[A-HJ-NPR-Z0-9]{17}$/.test(s) || !/[A-Z]/.test(s) || !/\d/.test(s.slice(-4))) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const c = s[i]!;
    sum += (/\d/.test(c) ? Number(c) : VALUES[c]!) * WEIGHTS[i]!;
  }
  const check = sum % 11 === 10 ? 'X' : String(sum % 11);
  return s[8] === check;
}

export const vinDetector: TextDetector = {
  id: 'format:vin',
  piType: 'vehicle_identification_number',
  mayHold: (p, text) => p.digits > 0 && text.length >= 17,
  scan(text) {
    const v = text.trim();
    return isVin(v) ? [{ value: v.toUpperCase(), evidence: '17-character VIN whose ninth character is its valid check digit', confidence: 0.85 }] : [];
  },
};
