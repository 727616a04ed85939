// MAC addresses written with separators (aa:bb:cc:dd:ee:ff or aa-bb-...), minus placeholder values.

import { matchesOf, type TextDetector } from './text-detector.ts';

const MAC = /(?<![0-9A-Fa-f:-])[0-9A-Fa-f]{2}([:-])(?:[0-9A-Fa-f]{2}\1){4}[0-9A-Fa-f]{2}(?![0-9A-Fa-f:-])/g;
/** Android reports 02:00:00:00:00:00 when it hides the MAC; all-zero and broadcast are not devices. */
const PLACEHOLDERS = new Set(['000000000000', 'ffffffffffff', '020000000000']);

export function isRealMac(mac: string): boolean {
  const hex = mac.replace(/[:-]/g, '').toLowerCase();
  return /^[0-9a-f]{12}$/.test(hex) && !PLACEHOLDERS.has(hex);
}

export const macDetector: TextDetector = {
  id: 'format:mac',
  piType: 'mac_address',
  scan(text) {
    const out = [];
    for (const m of matchesOf(MAC, text)) {
      if (isRealMac(m[0])) out.push({ value: m[0], evidence: 'six hex octets with separators, not a placeholder', confidence: 0.9 });
    }
    return out;
  },
};
