// Mainland licence plates: province abbreviation, issuing-office letter, 5 (or 6, new-energy) characters.

import { matchesOf, type TextDetector } from './text-detector.ts';

const PLATE =
  /(?<![0-9A-Za-z])[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼][A-HJ-NP-Z][·•\s]?([A-HJ-NP-Z0-9]{5,6}|[A-HJ-NP-Z0-9]{4}[挂学警港澳])(?![0-9A-Za-z])/g;

export const licencePlateDetector: TextDetector = {
  id: 'format:licence-plate',
  piType: 'licence_plate',
  mayHold: (p) => p.wide,
  scan(text) {
    const out = [];
    for (const m of matchesOf(PLATE, text)) {
      // Plates are mostly digits; a run of letters after a province name is more likely a word.
      if ((m[1] ?? '').replace(/\D/g, '').length < 2) continue;
      out.push({ value: m[0], evidence: 'province abbreviation + issuing letter + 5/6 plate characters', confidence: 0.85 });
    }
    return out;
  },
};
