// Mainland China mobile numbers: 11 digits, 1[3-9]x, optionally +86 / 86 before them, optionally grouped
// 3-4-4 by spaces or dashes (138 0013 8000).

import { lowEntropyDigits } from './checksums.ts';
import { matchesOf, type TextDetector } from './text-detector.ts';

// Letters, digits or a decimal point next to the number mean it is part of a longer token.
const MOBILE = /(?<![0-9A-Za-z.])(?:(?:\+|00)?86[-\s]?)?(1[3-9]\d(?:\d{8}|[-\s]\d{4}[-\s]\d{4}))(?![0-9A-Za-z])/g;
/** Second-and-third digits allocated to mobile networks (MIIT numbering plan). */
const NETWORK = /^1(?:3\d|4[5-9]|5[0-35-9]|6[2567]|7[0-8]|8\d|9[0-35-9])/;

export function isMainlandMobile(digits: string): boolean {
  return /^1[3-9]\d{9}$/.test(digits) && NETWORK.test(digits) && !lowEntropyDigits(digits);
}

export const mobileDetector: TextDetector = {
  id: 'format:mobile',
  piType: 'phone_number',
  mayHold: (p) => p.digits >= 11,
  scan(text) {
    const out = [];
    for (const m of matchesOf(MOBILE, text)) {
      const digits = (m[1] ?? '').replace(/\D/g, '');
      if (!isMainlandMobile(digits)) continue;
      out.push({ value: m[0].trim(), evidence: `11-digit mainland mobile number with network prefix ${digits.slice(0, 3)}`, confidence: 0.85 });
    }
    return out;
  },
};

/**
 * A whole value written as an international number: a plus, a country code (1-9 first), then groups split by
 * spaces, dots, dashes or a bracketed area code, 8-15 digits in all (E.164): "+1-234-567-8901", "+44 20 7946 0958".
 * The plus and the grouping say it is a phone number, so no network prefix is checked.
 */
const INTERNATIONAL = /^\+[1-9]\d{0,2}(?:[\s.-]?\(\d{1,4}\))?(?:[\s.-]\d{1,5}){2,5}$/;

export const internationalPhoneDetector: TextDetector = {
  id: 'format:international-phone',
  piType: 'phone_number',
  mayHold: (p, text) => p.digits >= 8 && p.digits <= 15 && text.trimStart().startsWith('+'),
  scan(text) {
    const t = text.trim();
    const digits = t.replace(/\D/g, '').length;
    return INTERNATIONAL.test(t) && digits >= 8 && digits <= 15 ? [{ value: t, evidence: 'an international number: plus, country code and grouped digits', confidence: 0.8 }] : [];
  },
};
