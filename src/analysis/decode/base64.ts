// base64 / base64url values and data: URLs. Plausibility first: a random token must not be
// "decoded" into garbage, so callers only keep results that are text or a known binary.

const STD = /^[A-Za-z0-9+/]+={0,2}$/;
const URLSAFE = /^[A-Za-z0-9_-]+={0,2}$/;

/** Shortest string worth trying: base64 of a 6-byte value. */
export const MIN_BASE64_CHARS = 8;

/** Decoded bytes, or undefined when the string is not plausibly base64 or would exceed maxBytes. */
export function tryBase64(text: string, maxBytes: number): Buffer | undefined {
  const trimmed = text.trim();
  const s = trimmed.includes('\n') ? trimmed.replace(/\r?\n/g, '') : trimmed;
  if (s.length < MIN_BASE64_CHARS) return undefined;
  if ((s.length * 3) / 4 > maxBytes) return undefined;
  // Digits-only and hex-only strings are numbers and digests, not base64.
  if (/^[0-9a-fA-F]+$/.test(s)) return undefined;
  const std = STD.test(s);
  if (!std && !URLSAFE.test(s)) return undefined;
  const body = s.replace(/=+$/, '');
  if (body.length % 4 === 1) return undefined;
  if (s.includes('=') && s.length % 4 !== 0) return undefined;
  // Mixed alphabets (+/ with -_) are not base64.
  if (/[+/]/.test(body) && /[-_]/.test(body)) return undefined;
  // Letters only, no digits and no +/: usually a word or identifier, not an encoding.
  if (/^[A-Za-z]+$/.test(body) && body.length < 24) return undefined;
  return Buffer.from(body, std ? 'base64' : 'base64url');
}

export interface DataUrl {
  mediaType: string;
  bytes: Buffer;
}

const DATA_URL = /^data:([\w.+-]+\/[\w.+-]+)?((?:;[\w.+-]+=[^;,]*)*)(;base64)?,/i;

export function parseDataUrl(text: string, maxBytes: number): DataUrl | undefined {
  const m = DATA_URL.exec(text.slice(0, 300));
  if (!m) return undefined;
  const payload = text.slice(m[0].length);
  if (m[3]) {
    if ((payload.length * 3) / 4 > maxBytes) return undefined;
    return { mediaType: (m[1] ?? 'text/plain').toLowerCase(), bytes: Buffer.from(payload, 'base64') };
  }
  let decoded: string;
  try {
    decoded = decodeURIComponent(payload);
  } catch {
    decoded = payload;
  }
  return { mediaType: (m[1] ?? 'text/plain').toLowerCase(), bytes: Buffer.from(decoded, 'utf8') };
}
