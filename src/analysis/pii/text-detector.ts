// A detector that finds one validated format in a text value, wherever in the text it sits.

import type { CodePiSlug } from '../../core/pi-slugs.ts';
import type { Detection } from './detection.ts';

/** What a text holds, counted once per leaf, so a detector can pass over texts that cannot hold its format. */
export interface TextProfile {
  /** ASCII digits in the text. */
  digits: number;
  /** The text has a character at or above U+2E80 (CJK and beyond): a superset of Han. */
  wide: boolean;
}

export function profileOf(text: string): TextProfile {
  let digits = 0;
  let wide = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) digits++;
    else if (c >= 0x2e80) wide = true;
  }
  return { digits, wide };
}

export interface TextDetector {
  id: string;
  piType: CodePiSlug;
  /** False when the text cannot hold the format (too few digits, no Han): the scan is skipped. Must never reject a match. */
  mayHold?(p: TextProfile, text: string): boolean;
  /** Matches of the format in the text; each already validated (checksum, date, range). */
  scan(text: string): Array<{ value: string; evidence: string; confidence: number }>;
}

export function runTextDetector(d: TextDetector, text: string, profile: TextProfile = profileOf(text)): Detection[] {
  if (d.mayHold && !d.mayHold(profile, text)) return [];
  const hits = d.scan(text);
  const first = hits[0];
  if (!first) return [];
  const more = hits.length > 1 ? ` (${hits.length} matches in the value)` : '';
  return [{ piType: d.piType, value: first.value, detector: d.id, evidence: first.evidence + more, confidence: first.confidence }];
}

/** All matches of a global regex, with their groups. Bounded: at most `limit` matches. */
export function* matchesOf(re: RegExp, text: string, limit = 20): Generator<RegExpExecArray> {
  re.lastIndex = 0;
  let n = 0;
  for (let m = re.exec(text); m && n < limit; m = re.exec(text), n++) {
    yield m;
    if (m[0].length === 0) re.lastIndex++;
  }
}
