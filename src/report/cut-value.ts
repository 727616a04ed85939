// Long values as a reader can take them in: the start and end, the length and a hash to find the
// whole value in the evidence, never kilobytes of base64 on paper.

import { createHash } from 'node:crypto';

/** Values up to this many characters are shown whole. */
export const SHOWN_WHOLE = 96;

export function cutValue(value: string, max = SHOWN_WHOLE): string {
  if (value.length <= max) return value;
  const keep = Math.max(8, Math.floor((max - 8) / 2));
  const sha = createHash('sha256').update(value).digest('hex').slice(0, 12);
  return `${value.slice(0, keep)}…${value.slice(-Math.min(keep, 16))} (${value.length} chars, sha256 ${sha}…)`;
}

/** Every run of more than `max` characters without a space (base64, hex, tokens) cut as above. */
export function cutLongTokens(text: string, max = SHOWN_WHOLE): string {
  return text.replace(new RegExp(`[^\\s"'<>,;&=]{${max + 1},}`, 'g'), (t) => cutValue(t, max));
}
