// MAC addresses written with separators (aa:bb:cc:dd:ee:ff or aa-bb-...), minus placeholder and locally
// administered values.

import { matchesOf, type TextDetector } from './text-detector.ts';

const MAC = /(?<![0-9A-Fa-f:-])[0-9A-Fa-f]{2}([:-])(?:[0-9A-Fa-f]{2}\1){4}[0-9A-Fa-f]{2}(?![0-9A-Fa-f:-])/g;
/** Android reports 02:00:00:00:00:00 when it hides the MAC; all-zero and broadcast are not devices. */
const PLACEHOLDERS = new Set(['000000000000', 'ffffffffffff', '020000000000']);

/** A device's burnt-in address: not a placeholder, and not locally administered (virtual interfaces, random MACs). */
export function isRealMac(mac: string): boolean {
  const hex = mac.replace(/[:-]/g, '').toLowerCase();
  return /^[0-9a-f]{12}$/.test(hex) && !PLACEHOLDERS.has(hex) && (parseInt(hex.slice(0, 2), 16) & 0x02) === 0;
}

export const macDetector: TextDetector = {
  id: 'format:mac',
  piType: 'mac_address',
  // Twelve hex digits and five separators.
  mayHold: (_p, text) => text.length >= 17 && (text.includes(':') || text.includes('-')),
  scan(text) {
    const out = [];
    for (const m of matchesOf(MAC, text)) {
      if (isRealMac(m[0])) out.push({ value: m[0], evidence: 'six hex octets with separators, not a placeholder', confidence: 0.9 });
    }
    return out;
  },
};
