// A bank card number on its own: the whole value is 16-19 digits (grouped by spaces or dashes or not),
// with the issuer prefix of a card network and a valid Luhn check digit. Only whole values count: an
// order number that merely contains such digits is not a card.

import { luhnValid, lowEntropyDigits, plausibleCardIssuer } from './checksums.ts';
import type { TextDetector } from './text-detector.ts';

const CARD = /^(?:\d{16,19}|\d{4}(?:[ -]\d{4}){3}(?:[ -]?\d{1,3})?)$/;

export const bankCardDetector: TextDetector = {
  id: 'format:bank-card',
  piType: 'bank_card_number',
  mayHold: (p) => p.digits >= 16,
  scan(text) {
    const v = text.trim();
    if (!CARD.test(v)) return [];
    const d = v.replace(/\D/g, '');
    if (d.length < 16 || !luhnValid(d) || !plausibleCardIssuer(d) || lowEntropyDigits(d)) return [];
    return [{ value: v, evidence: `${d.length}-digit number with card-network prefix ${d.slice(0, 2)} and valid Luhn check digit`, confidence: 0.8 }];
  },
};
