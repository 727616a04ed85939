// What the names around a binary say it is: field name, file name and endpoint path, in English, pinyin and Chinese.

export interface MediaHint {
  contentType?: string;
  filename?: string;
  fieldName?: string;
  /** Path of the request URL, when the caller has it: a liveness or voice endpoint is itself a hint. */
  urlPath?: string;
}

export type HintKind = 'idCard' | 'handheld' | 'face' | 'liveness' | 'voice';

/** Patterns over lower-cased names; each says which kind it marks. */
const PATTERNS: Array<{ kind: HintKind; re: RegExp }> = [
  { kind: 'handheld', re: /hand_?held|shouchi|手持/ },
  {
    kind: 'idCard',
    re: /id_?card|\bsfz|sfz_|shenfenzheng|身份证|card_?(front|back)|(front|back)_?(id|card)|\bid_?(front|back)|人像面|国徽面/,
  },
  { kind: 'liveness', re: /liveness|live_?detect|huoti|活体|video|shipin|视频/ },
  { kind: 'voice', re: /voice|shengwen|声纹|语音|yuyin|speaker/ },
  { kind: 'face', re: /face|selfie|renlian|人脸|自拍|portrait/ },
];

/** camelCase and kebab-case become snake_case so one pattern covers idCard, id-card and id_card. */
function normalise(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/[-\s.]+/g, '_').toLowerCase();
}

export interface HintMatch {
  kind: HintKind;
  /** The name that matched, for the evidence string. */
  source: string;
}

/** Every hint kind the names carry, each with the first name that showed it. */
export function readHints(hint: MediaHint): HintMatch[] {
  const names = [hint.fieldName, hint.filename, hint.urlPath].filter((n): n is string => !!n);
  const found: HintMatch[] = [];
  for (const { kind, re } of PATTERNS) {
    const source = names.find((n) => re.test(normalise(n)));
    if (source !== undefined) found.push({ kind, source });
  }
  return found;
}

export function hintOf(hints: HintMatch[], kind: HintKind): HintMatch | undefined {
  return hints.find((h) => h.kind === kind);
}
