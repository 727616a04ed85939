// An IPv4 address that text names as an IP (a log line, an alert: "The IP 1.2.3.4 has just been banned"). Bare
// dotted quads are left alone: version numbers (10.0.19041.1) and OIDs have the same shape.

import { matchesOf, type TextDetector } from './text-detector.ts';

const QUAD = /(?<![\d.])(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?![\d.]*\d)/g;
/** The words just before the address: "IP", "IP address", "IP:", "IP地址：", "ip=". */
const NAMED_BEFORE = /(?:\bip(?:v4)?|ip地址)(?:\s*address)?\s*[:：=]?\s*$/i;

export const ipTextDetector: TextDetector = {
  id: 'format:ip-in-text',
  piType: 'ip_address',
  mayHold: (p, text) => p.digits >= 4 && text.length >= 9 && /ip/i.test(text),
  scan(text) {
    const out = [];
    for (const m of matchesOf(QUAD, text)) {
      const octets = m.slice(1, 5).map(Number);
      if (octets.some((o) => o > 255) || m[0] === '0.0.0.0' || octets[0] === 127) continue;
      if (!NAMED_BEFORE.test(text.slice(Math.max(0, m.index - 24), m.index))) continue;
      out.push({ value: m[0], evidence: 'an IPv4 address the text names as an IP', confidence: 0.85 });
    }
    return out;
  },
};
