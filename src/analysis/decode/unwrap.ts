// Unwraps a value layer by layer (compression, JSON, form, multipart, XML, base64, data URL, JWT,
// GraphQL, protobuf) and hands every innermost value to the session as a leaf with its chain.

import { asPrintableText } from './text.ts';
import { compressionOf, inflateCapped, inflateSyncCapped, sniffCompression, type Inflated } from './content-encoding.ts';
import { parseDataUrl, tryBase64 } from './base64.ts';
import { parseJsonBody, tryParseJson } from './json.ts';
import { parseNestedForm, parseUrlEncoded, type Pair } from './form.ts';
import { boundaryOf, parseMultipart } from './multipart.ts';
import { htmlFragmentText, looksLikeXml, scanXml } from './xml.ts';
import { tryJwtPayload } from './jwt.ts';
import { graphqlArguments, isGraphqlDocument } from './graphql.ts';
import { parseProtobuf, unframeGrpc, type ProtoField } from './protobuf.ts';
import { sniffBinary } from './sniff.ts';
import { splitUrl } from './query.ts';
import { child, layer, type Position } from './leaf.ts';
import type { DecodeSession } from './session.ts';

export interface BodyMeta {
  contentType?: string;
  contentEncoding?: string;
  truncated?: boolean;
}

interface BytesHint {
  contentType?: string;
  filename?: string;
}

const lossyUtf8 = new TextDecoder('utf-8');

/** An absolute http(s) link with a query string, no spaces: not prose that mentions a link. */
const URL_WITH_QUERY = /^https?:\/\/[^\s/?#]+[^\s?#]*\?[^\s]*=/i;
const MAX_URL_CHARS = 64 * 1024;

function mimeOf(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase();
}

function noteInflate(s: DecodeSession, step: string, r: Inflated, pos: Position): void {
  if (r.capped) s.note(`${step} output at ${pos.path || 'body'} exceeds ${s.limits.maxBytes} bytes: only the first ${s.limits.maxBytes} bytes were analysed`);
  if (r.error) s.note(`${step} stream at ${pos.path || 'body'} is corrupt (${r.error}): analysed what decoded before the error`);
}

/** The head of the bytes is text (cut at a UTF-8 character boundary). */
function looksLikeText(bytes: Buffer): boolean {
  let end = Math.min(bytes.length, 4096);
  while (end > 0 && end < bytes.length && ((bytes[end] ?? 0) & 0xc0) === 0x80) end--;
  return end > 0 && asPrintableText(bytes.subarray(0, end)) !== undefined;
}

/** A whole message body: content encodings first (streamed, capped), then its format. */
export async function unwrapBody(s: DecodeSession, raw: Buffer, meta: BodyMeta, pos: Position): Promise<void> {
  if (meta.truncated) s.note(`body was cut at capture (${raw.length} bytes kept): values past the cut are missing`);
  let bytes = raw;
  let at = pos;
  const tokens = (meta.contentEncoding ?? '').split(',').map((t) => t.trim()).filter((t) => t && t !== 'identity');
  // Encodings are listed in the order applied: undo them last to first.
  for (const token of tokens.reverse()) {
    const kind = compressionOf(token);
    if (!kind) {
      s.note(`content-encoding "${token}" is not supported: body analysed as stored`);
      break;
    }
    const r = await inflateCapped(bytes, kind, s.limits.maxBytes);
    if (r.error && r.bytes.length === 0 && looksLikeText(bytes)) {
      // A body an exporter already decoded but left labelled (mitmproxy's HAR): analysed as it is, not lost.
      s.note(`body at ${at.path || 'body'} is labelled ${kind} but is not compressed (already decoded): analysed as stored`);
      break;
    }
    noteInflate(s, kind, r, at);
    if (r.error && r.bytes.length === 0) return;
    bytes = r.bytes;
    at = layer(at, kind);
  }
  if (bytes.length > s.limits.maxBytes) {
    s.note(`body of ${bytes.length} bytes exceeds ${s.limits.maxBytes}: only the first ${s.limits.maxBytes} bytes were analysed`);
    bytes = bytes.subarray(0, s.limits.maxBytes);
  }
  unwrapBytes(s, bytes, at, { contentType: meta.contentType }, true);
}

/** Bytes of a body, a multipart part, a data URL or a base64 value. */
export function unwrapBytes(s: DecodeSession, bytes: Buffer, pos: Position, hint: BytesHint, topLevel = false): void {
  if (bytes.length === 0 || !s.canDescend(pos)) return;
  const compressed = sniffCompression(bytes);
  if (compressed) {
    const r = inflateSyncCapped(bytes, compressed, s.limits.maxBytes);
    noteInflate(s, compressed, r, pos);
    if (r.bytes.length) unwrapBytes(s, r.bytes, layer(pos, compressed), { filename: hint.filename }, false);
    return;
  }
  const sniffed = sniffBinary(bytes);
  if (sniffed) {
    s.emit(pos, bytes, { contentType: sniffed.contentType, filename: hint.filename });
    return;
  }
  const mime = mimeOf(hint.contentType);
  if (mime.startsWith('multipart/')) return unwrapMultipart(s, bytes, pos, hint.contentType);
  if (/^(image|video|audio)\//.test(mime)) {
    s.emit(pos, bytes, { contentType: mime, filename: hint.filename });
    return;
  }
  if (/(protobuf|grpc)/.test(mime)) {
    const inner = mime.includes('grpc') ? (unframeGrpc(bytes) ?? bytes) : bytes;
    const fields = parseProtobuf(inner);
    if (fields) return unwrapProtobuf(s, fields, layer(pos, 'protobuf'));
    s.note(`body at ${pos.path || 'body'} is declared ${mime} but is not a clean protobuf message`);
    s.emit(pos, bytes, { contentType: mime, filename: hint.filename });
    return;
  }
  const strict = asPrintableText(bytes);
  const textual = /(json|xml|text\/|x-www-form-urlencoded|graphql|javascript)/.test(mime);
  if (strict === undefined && textual) {
    // SDKs post protobuf under a form or text label: binary that parses cleanly as protobuf with text is that.
    const fields = parseProtobuf(bytes);
    if (fields && hasText(fields)) {
      s.note(`body at ${pos.path || 'body'} declared ${mime} is protobuf: decoded as such`);
      return unwrapProtobuf(s, fields, layer(pos, 'protobuf'));
    }
    s.note(`body at ${pos.path || 'body'} declared ${mime} holds invalid UTF-8 or control bytes: read leniently`);
  }
  const text = strict ?? (textual ? lossyUtf8.decode(bytes) : undefined);
  if (text === undefined) {
    const fields = parseProtobuf(bytes);
    if (fields && hasText(fields)) return unwrapProtobuf(s, fields, layer(pos, 'protobuf'));
    s.emit(pos, bytes, { contentType: mime || 'application/octet-stream', filename: hint.filename });
    return;
  }
  if (topLevel && mime.includes('json')) {
    const parsed = parseJsonBody(text);
    if (parsed.ok) return unwrapJson(s, parsed.value, layer(pos, 'json'));
    s.note(`body at ${pos.path || 'body'} is declared JSON but does not parse (${parsed.error.slice(0, 80)})`);
  }
  if (mime === 'application/x-www-form-urlencoded') return unwrapPairs(s, parseUrlEncoded(text), layer(pos, 'form'));
  if (mime === 'application/graphql' && isGraphqlDocument(text)) return unwrapPairs(s, graphqlArguments(text), layer(pos, 'graphql'));
  unwrapString(s, text, pos, topLevel);
}

/** A text value: tries the nested formats it may hold; otherwise it is a leaf. */
export function unwrapString(s: DecodeSession, text: string, pos: Position, topLevel = false): void {
  if (!s.canDescend(pos)) {
    s.emit(pos, text);
    return;
  }
  const t = text.trim();
  if (t.length < 2) {
    if (t) s.emit(pos, t);
    return;
  }
  const json = tryParseJson(t);
  if (json !== undefined) return unwrapJson(s, json, layer(pos, 'json'));
  if (t.startsWith('data:')) {
    const d = parseDataUrl(t, s.limits.maxBytes);
    if (d) return unwrapBytes(s, d.bytes, layer(pos, 'dataurl'), { contentType: d.mediaType });
  }
  const jwt = tryJwtPayload(t);
  if (jwt) return unwrapJson(s, jwt, layer(pos, 'jwt'));
  // Formatted text is read as the text it shows, at the value's own path: markup of a bio is no data structure.
  const shown = t.startsWith('<') && !topLevel ? htmlFragmentText(t) : undefined;
  if (shown !== undefined) {
    s.emit(layer(pos, 'html'), shown);
    return;
  }
  if (t.startsWith('<') && looksLikeXml(t)) return unwrapXml(s, t, layer(pos, 'xml'));
  const form = topLevel ? lenientTopLevelForm(t) : parseNestedForm(t);
  if (form) return unwrapPairs(s, form, layer(pos, 'form'));
  // A link in a value (an ad's click tracker, a callback URL) carries its own query: the URL stays a
  // value, and its parameters are read as fields of it (log=<base64url JSON> of the device).
  if (t.length <= MAX_URL_CHARS && URL_WITH_QUERY.test(t)) {
    const url = splitUrl(t);
    if (!url.error && url.params.length > 0) {
      s.emit(pos, t);
      return unwrapPairs(s, url.params, layer(pos, 'url-query'));
    }
  }
  // URL-encoded JSON or XML in a header, cookie or path segment (%7B%22uid%22...): decoded, then read.
  if (t.charCodeAt(0) === 37 /* % */ && /^%(?:7B|5B|3C)/i.test(t)) {
    const decoded = safeDecodeURIComponent(t);
    if (decoded !== undefined && decoded !== t) return unwrapString(s, decoded, layer(pos, 'url-encoded'));
  }
  const b64 = tryBase64(t, s.limits.maxBytes);
  if (b64 && unwrapBase64(s, t, b64, pos)) return;
  if (unwrapHex(s, t, pos)) return;
  s.emit(pos, t);
}

/** Hex that spells text (hex-encoded JSON, forms, values): decoded; digests and ids spell no text and stay. */
function unwrapHex(s: DecodeSession, t: string, pos: Position): boolean {
  if (t.length < 16 || t.length % 2 !== 0 || t.length > s.limits.maxBytes * 2 || !/^[0-9a-fA-F]+$/.test(t)) return false;
  const text = asPrintableText(Buffer.from(t, 'hex'));
  // Printable by chance is common for short strings: demand letters or structure, not just digits and punctuation.
  if (text === undefined || !/[\p{L}]{2}/u.test(text)) return false;
  s.emit(pos, t);
  unwrapString(s, text, layer(pos, 'hex'));
  return true;
}

function safeDecodeURIComponent(t: string): string | undefined {
  try {
    return decodeURIComponent(t.replace(/\+/g, ' '));
  } catch {
    return undefined;
  }
}

/** A text body of no declared type that reads as a=1&b=2 is a form. */
function lenientTopLevelForm(t: string): Pair[] | undefined {
  return /^[^=&\s]{1,64}=[^\s]*$/.test(t) && t.includes('&') ? parseUrlEncoded(t) : parseNestedForm(t);
}

/** Keeps base64 results only when they are a known binary, text, or protobuf with text in it. */
function unwrapBase64(s: DecodeSession, raw: string, bytes: Buffer, pos: Position): boolean {
  if (sniffBinary(bytes) || sniffCompression(bytes)) {
    unwrapBytes(s, bytes, layer(pos, 'base64'), {});
    return true;
  }
  const text = asPrintableText(bytes);
  if (text !== undefined) {
    const json = tryParseJson(text);
    // JSON under base64 is read from the parse just made, as unwrapString would read it (not parsed twice).
    if (json !== undefined) {
      const at = layer(pos, 'base64');
      if (s.canDescend(at)) unwrapJson(s, json, layer(at, 'json'));
      else s.emit(at, text);
      return true;
    }
    // Plain text under base64 is reported both ways: the raw string may itself be the value.
    const structured = looksLikeXml(text) || parseNestedForm(text) !== undefined;
    if (!structured) s.emit(pos, raw);
    unwrapString(s, text, layer(pos, 'base64'));
    return true;
  }
  const fields = parseProtobuf(bytes);
  if (fields && hasText(fields)) {
    unwrapProtobuf(s, fields, layer(layer(pos, 'base64'), 'protobuf'));
    return true;
  }
  return false;
}

export function unwrapJson(s: DecodeSession, value: unknown, pos: Position): void {
  if (s.exhausted()) return;
  if (value === null) return;
  if (pos.route !== undefined) {
    const { route, ...at } = pos;
    return unwrapJson(s, value, Array.isArray(value) ? { ...at, key: route } : at);
  }
  // A named flag can itself be the information (married: true); unnamed ones (array items) say nothing.
  if (typeof value === 'boolean') {
    if (pos.key !== undefined && !pos.item) s.emit(pos, String(value));
    return;
  }
  if (typeof value === 'number') {
    // Past 2^53 String() switches to exponent notation (1e+21): whole numbers are written out in full, and
    // marked, as their last digits are the parser's rounding (a 19-digit event id may pass a card's Luhn check).
    if (Number.isSafeInteger(value) || !Number.isInteger(value)) s.emit(pos, String(value));
    else s.emit(pos, BigInt(value).toString(), { inexact: true });
    return;
  }
  if (typeof value === 'string') {
    if (pos.key === 'query' && isGraphqlDocument(value)) return unwrapPairs(s, graphqlArguments(value), layer(pos, 'graphql'));
    return unwrapString(s, value, pos);
  }
  if (typeof value !== 'object') return;
  if (!s.canDescend(pos)) return;
  // The container itself is a leaf when it has a name: "contacts": [...] reveals its type whole.
  const named = pos.key !== undefined && !pos.item;
  if (Array.isArray(value)) {
    if (named && value.length > 0) s.emit(pos, `<array of ${value.length} items>`, { items: value.length });
    if (isPairList(value)) return unwrapPairList(s, value, pos);
    for (let i = 0; i < value.length; i++) {
      if (s.exhausted()) break;
      unwrapJson(s, value[i], indexPos(pos, i));
    }
    return;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  if (named && keys.length > 0) s.emit(pos, `<object of ${keys.length} fields>`, { items: keys.length });
  for (const k of keys) {
    if (s.exhausted()) break;
    unwrapJson(s, record[k], child(pos, k));
  }
}

const PAIR_NAME = /^[\p{L}_$][\p{L}\p{N}_.$:-]{0,63}$/u;

/** [["os", "Windows 8"], ["browser", "Chrome 60"]]: Sentry's tags, header lists. Each pair is a named field. */
function isPairList(value: unknown[]): value is Array<[string, unknown]> {
  return value.length > 0 && value.every((p) => Array.isArray(p) && p.length === 2 && typeof p[0] === 'string' && PAIR_NAME.test(p[0]) && (p[1] === null || typeof p[1] !== 'object'));
}

/** The pairs' values under their names, as fields of one object (the list): tags[3][1] is the tag "os". */
function unwrapPairList(s: DecodeSession, pairs: Array<[string, unknown]>, pos: Position): void {
  for (let i = 0; i < pairs.length; i++) {
    if (s.exhausted()) return;
    const [name, value] = pairs[i]!;
    unwrapJson(s, value, { path: `${pos.path}[${i}][1]`, key: name, parent: pos.path, chain: pos.chain, location: pos.location, depth: pos.depth + 2 });
  }
}

/** Array items keep their array's name as key, so items of "phones" are still phones. */
function indexPos(pos: Position, index: number): Position {
  const at: Position = { path: `${pos.path}[${index}]`, chain: pos.chain, location: pos.location, depth: pos.depth + 1, item: true };
  if (pos.key !== undefined) at.key = pos.key;
  if (pos.parent !== undefined) at.parent = pos.parent;
  return at;
}

export function unwrapPairs(s: DecodeSession, pairs: Pair[], pos: Position): void {
  for (const [name, value] of pairs) {
    if (s.exhausted()) return;
    if (name || value) unwrapString(s, value, child(pos, name || '(unnamed)'));
  }
}

function unwrapMultipart(s: DecodeSession, bytes: Buffer, pos: Position, contentType: string | undefined): void {
  const boundary = boundaryOf(contentType, bytes);
  if (!boundary) {
    s.note(`multipart body at ${pos.path || 'body'} has no boundary: analysed as raw bytes`);
    s.emit(pos, bytes, { contentType: 'application/octet-stream' });
    return;
  }
  const mp = parseMultipart(bytes, boundary);
  for (const p of mp.problems) s.note(p);
  for (const part of mp.parts) {
    if (s.exhausted()) break;
    const name = part.name || part.filename || '(unnamed)';
    const partPos: Position = {
      path: `${pos.path}[multipart:${name}]`,
      key: name,
      parent: pos.path,
      chain: [...pos.chain, `multipart:${name}`],
      location: pos.location,
      depth: pos.depth + 1,
    };
    if (part.filename !== undefined || part.contentType) {
      unwrapBytes(s, part.body, partPos, { contentType: part.contentType, filename: part.filename }, true);
    } else {
      const text = asPrintableText(part.body) ?? lossyUtf8.decode(part.body);
      unwrapString(s, text, partPos);
    }
  }
}

function unwrapXml(s: DecodeSession, doc: string, pos: Position): void {
  const room = Math.max(1, s.limits.maxDepth - pos.depth);
  const { values, tooDeep } = scanXml(doc, room);
  if (tooDeep) s.note(`XML at ${pos.path || 'body'} nests deeper than ${s.limits.maxDepth} levels: deeper elements skipped`);
  for (const v of values) {
    if (s.exhausted()) break;
    let at = pos;
    for (const el of v.elements) at = child(at, el);
    if (v.attribute) at = { ...at, path: `${at.path}@${v.attribute}`, key: v.attribute, parent: at.path };
    unwrapString(s, v.text, at);
  }
}

function hasText(fields: ProtoField[]): boolean {
  return fields.some((f) => f.wire === 2 && f.value.length >= 2 && asPrintableText(f.value) !== undefined);
}

function unwrapProtobuf(s: DecodeSession, fields: ProtoField[], pos: Position): void {
  for (const f of fields) {
    if (s.exhausted() || !s.canDescend(pos)) return;
    const at = child(pos, `#${f.no}`);
    if (f.wire === 0) {
      s.emit(at, f.value.toString());
    } else if (f.wire === 2 && f.value.length > 0) {
      const text = asPrintableText(f.value);
      if (text !== undefined) {
        unwrapString(s, text, at);
        continue;
      }
      const sub = parseProtobuf(f.value);
      if (sub) unwrapProtobuf(s, sub, at);
      else unwrapBytes(s, f.value, at, {});
    }
    // Fixed 32/64-bit fields are numbers with no field name to tell what they mean: skipped.
  }
}
