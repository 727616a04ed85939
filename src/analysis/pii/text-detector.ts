// A detector that finds one validated format in a text value, wherever in the text it sits.

import type { CodePiSlug } from '../../core/pi-slugs.ts';
import type { Detection } from './detection.ts';

export interface TextDetector {
  id: string;
  piType: CodePiSlug;
  /** Matches of the format in the text; each already validated (checksum, date, range). */
  scan(text: string): Array<{ value: string; evidence: string; confidence: number }>;
}

export function runTextDetector(d: TextDetector, text: string): Detection[] {
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
