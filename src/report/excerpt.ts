// A request as a reviewer reads it: request line, headers, the body around the offending values,
// each value marked ⟦like this⟧ wherever it occurs, plain or in a common encoding. Bounded: a huge
// or compressed body is cut, binary runs are summarised.

import { compressionOf, inflateCapped } from '../analysis/decode/content-encoding.ts';
import { sniffBinary } from '../analysis/decode/sniff.ts';
import type { Flow } from '../core/flow.ts';
import { encodedForms } from './redact.ts';

export const MARK_OPEN = '⟦';
export const MARK_CLOSE = '⟧';

/** Body bytes read at most (after decompression). */
const MAX_BODY_BYTES = 4 * 1024 * 1024;
/** Bodies longer than this show windows around the marks instead of the whole text. */
const WHOLE_BODY_CHARS = 8 * 1024;
const WINDOW_CHARS = 300;
const MAX_HEADER_CHARS = 300;

export async function requestExcerpt(flow: Flow, body: Buffer | undefined, values: string[]): Promise<string> {
  const marker = markValues(values);
  const req = flow.request;
  const lines = [`${req.method} ${marker(req.url)}${req.httpVersion ? ` ${req.httpVersion}` : ''}`];
  for (const h of req.headers) {
    const v = h.value.length > MAX_HEADER_CHARS ? `${h.value.slice(0, MAX_HEADER_CHARS)}… (${h.value.length} chars)` : h.value;
    lines.push(`${h.name}: ${marker(v)}`);
  }
  lines.push('');
  if (req.body) lines.push(await bodyText(req.body, body, marker));
  if (flow.response) lines.push('', `→ ${flow.response.status}${flow.response.statusText ? ` ${flow.response.statusText}` : ''}`);
  else if (flow.error) lines.push('', `→ ${flow.error}`);
  return lines.join('\n');
}

async function bodyText(ref: NonNullable<Flow['request']['body']>, stored: Buffer | undefined, marker: (s: string) => string): Promise<string> {
  if (!stored) return `[body ${ref.sha256} not in the run directory]`;
  let bytes = stored;
  const notes: string[] = [];
  if (ref.truncated) notes.push('[body was cut at capture]');
  const codec = ref.contentEncoding ? compressionOf(ref.contentEncoding) : undefined;
  if (codec) {
    const inflated = await inflateCapped(stored, codec, MAX_BODY_BYTES);
    bytes = inflated.bytes;
    notes.push(`[${ref.contentEncoding} decoded${inflated.capped ? `, cut at ${MAX_BODY_BYTES} bytes` : ''}${inflated.error ? `, stream broken: ${inflated.error}` : ''}]`);
  } else if (bytes.length > MAX_BODY_BYTES) {
    bytes = bytes.subarray(0, MAX_BODY_BYTES);
    notes.push(`[first ${MAX_BODY_BYTES} of ${stored.length} bytes]`);
  }
  const sniffed = sniffBinary(bytes);
  if (sniffed && sniffed.kind !== 'compressed') {
    return [...notes, `[${sniffed.contentType} body, ${bytes.length} bytes, sha256 ${ref.sha256}]`].join('\n');
  }
  const text = summariseBinaryRuns(bytes.toString('utf8'));
  return [...notes, windows(marker(text))].join('\n');
}

/** Wraps every occurrence of the values (and their encodings) in ⟦ ⟧, longest first. */
export function markValues(values: string[]): (s: string) => string {
  const forms = [...new Set(values.filter((v) => v.length > 0 && v.length <= 4096).flatMap((v) => encodedForms(v).map((f) => f.text)))];
  if (!forms.length) return (s) => s;
  forms.sort((a, b) => b.length - a.length);
  const re = new RegExp(forms.map((f) => f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g');
  return (s) => s.replace(re, (m) => `${MARK_OPEN}${m}${MARK_CLOSE}`);
}

/** Runs of lines that are not text (image bytes inside a multipart body) become one note each. */
function summariseBinaryRuns(text: string): string {
  // eslint-disable-next-line no-control-regex
  const junk = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffd]/g;
  const lines = text.split('\n');
  const kind = lines.map((line) => {
    const bad = line.match(junk)?.length ?? 0;
    if (bad && (line.length <= 16 || bad / line.length > 0.05)) return 'bin';
    return line.trim() ? 'text' : 'blank';
  });
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (kind[i] !== 'bin') {
      out.push(lines[i]!);
      continue;
    }
    // Extend over binary and blank lines, ending at the last binary one.
    let end = i;
    for (let j = i + 1; j < lines.length && kind[j] !== 'text'; j++) if (kind[j] === 'bin') end = j;
    const bytes = lines.slice(i, end + 1).reduce((n, l) => n + Buffer.byteLength(l) + 1, 0);
    out.push(`[… ~${bytes} bytes of binary data …]`);
    i = end;
  }
  return out.join('\n');
}

/** Long text: only the parts around the marks, so a reviewer sees the values, not megabytes. */
function windows(text: string): string {
  if (text.length <= WHOLE_BODY_CHARS) return text;
  const spans: Array<[number, number]> = [];
  for (let i = text.indexOf(MARK_OPEN); i >= 0 && spans.length < 200; i = text.indexOf(MARK_OPEN, i + 1)) {
    const end = text.indexOf(MARK_CLOSE, i);
    const a = Math.max(0, i - WINDOW_CHARS);
    const b = Math.min(text.length, (end < 0 ? i : end) + WINDOW_CHARS);
    const last = spans[spans.length - 1];
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else spans.push([a, b]);
  }
  if (!spans.length) return `${text.slice(0, WHOLE_BODY_CHARS)}\n[… ${text.length - WHOLE_BODY_CHARS} more characters, no marked value …]`;
  return spans
    .map(([a, b]) => `${a > 0 ? `[… from character ${a} …] ` : ''}${text.slice(a, b)}${b < text.length ? ' […]' : ''}`)
    .join('\n');
}
