// Exports a run (or one phase/variant of it) as HAR 1.2, entry by entry, so a capture of any size
// is written with one body in memory at a time.
//
// Bodies: stored bytes are as sent on the wire. A gzip/deflate/br body is decoded for `text` (as
// HAR expects, content.compression = bytes saved) up to a cap; past the cap, or if it does not
// decode, the wire bytes are kept as base64 and `_privlab.<side>Body.textContentEncoding` says so.
// Valid UTF-8 is written as text, anything else as base64 (`content.encoding: 'base64'`, and
// `postData._encoding: 'base64'` for requests). `_privlab` fields carry what HAR cannot (flow id,
// phase, variant, client, evidence hashes) so that importHar restores them.

import { once } from 'node:events';
import { createWriteStream, existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { brotliDecompressSync, gunzipSync, inflateRawSync, inflateSync } from 'node:zlib';
import { headerValue, type BodyRef, type Flow, type Header } from '../core/flow.ts';
import type {
  HarContent,
  HarCookie,
  HarEntry,
  HarNameValue,
  HarPage,
  HarPostData,
  HarPrivlabBody,
  HarResponse,
} from '../core/har.ts';
import type { PhaseName, VariantName } from '../core/phase.ts';
import { PRIVLAB_VERSION } from '../core/version.ts';
import { RunReader } from './run-reader.ts';

export interface ExportHarOptions {
  phase?: PhaseName;
  variant?: VariantName;
  /** File to write; written as <out>.tmp and renamed when complete. */
  out: string;
  /** Largest body (stored or decoded) put into the HAR; default 64 MiB. */
  maxBodyBytes?: number;
}

export const DEFAULT_HAR_MAX_BODY_BYTES = 64 * 1024 * 1024;

export async function exportHar(runDir: string, opts: ExportHarOptions): Promise<string> {
  const reader = new RunReader(runDir);
  const info = reader.info();
  const cap = opts.maxBodyBytes ?? DEFAULT_HAR_MAX_BODY_BYTES;
  const wanted = (f: Flow): boolean =>
    (!opts.phase || f.phase === opts.phase) && (!opts.variant || f.variant === opts.variant);

  // First pass over flows.jsonl for the pages (one per variant and phase): at most a few dozen.
  const pages = new Map<string, HarPage>();
  for await (const f of reader.flows()) {
    const id = pageId(f);
    if (wanted(f) && id && !pages.has(id)) {
      pages.set(id, { startedDateTime: f.time, id, title: `${info.target.name}: ${id}`, pageTimings: {} });
    }
  }

  const tmp = `${opts.out}.tmp`;
  const out = createWriteStream(tmp);
  const write = async (s: string): Promise<void> => {
    if (!out.write(s)) await once(out, 'drain');
  };
  try {
    const head = {
      version: '1.2',
      creator: { name: 'privlab', version: PRIVLAB_VERSION },
      pages: [...pages.values()],
    };
    // The phase outcomes travel with the flows: re-imported, the rules judge the same phases as evidence.
    const outcomes = info.outcomes.filter((o) => (!opts.phase || o.phase === opts.phase) && (!opts.variant || o.variant === opts.variant));
    const ext = { runId: info.id, target: info.target.name, phase: opts.phase ?? null, variant: opts.variant ?? null, outcomes };
    const headJson = JSON.stringify({ log: { ...head, _privlab: ext } });
    // Open the log object and leave "entries" last, so entries can stream into it.
    await write(`${headJson.slice(0, -2)},"entries":[`);
    let first = true;
    for await (const f of reader.flows()) {
      if (!wanted(f)) continue;
      await write((first ? '\n' : ',\n') + JSON.stringify(flowToEntry(reader, f, cap)));
      first = false;
    }
    await write('\n]}}\n');
    out.end();
    await once(out, 'finish');
    renameSync(tmp, opts.out);
  } catch (e) {
    out.destroy();
    rmSync(tmp, { force: true });
    throw e;
  }
  return opts.out;
}

function pageId(f: Flow): string | undefined {
  return f.phase ? `${f.variant ?? 'no-variant'}/${f.phase}` : undefined;
}

function flowToEntry(reader: RunReader, f: Flow, cap: number): HarEntry {
  const req = f.request;
  const reqBody = req.body ? renderBody(reader, req.body, cap) : undefined;
  const resBody = f.response?.body ? renderBody(reader, f.response.body, cap) : undefined;
  const httpVersion = req.httpVersion ?? 'HTTP/1.1';
  const duration = f.durationMs ?? 0;
  const reqMime = req.body?.contentType ?? headerValue(req.headers, 'content-type') ?? '';
  let postData: HarPostData | undefined;
  if (reqBody) {
    postData = { mimeType: reqMime, text: reqBody.text ?? '' };
    if (reqBody.base64) postData._encoding = 'base64';
  }
  const entry: HarEntry = {
    startedDateTime: f.time,
    time: duration,
    request: {
      method: req.method,
      url: req.url,
      httpVersion,
      cookies: requestCookies(req.headers),
      headers: nameValues(req.headers),
      queryString: queryOf(req.url),
      ...(postData ? { postData } : {}),
      headersSize: -1,
      bodySize: req.body?.size ?? 0,
    },
    response: f.response ? renderResponse(f, httpVersion, resBody) : noResponse(f.error),
    cache: {},
    timings: { send: 0, wait: duration, receive: 0 },
    _privlab: {
      flowId: f.id,
      phase: f.phase,
      variant: f.variant,
      client: f.client,
      ...(f.clientReason ? { clientReason: f.clientReason } : {}),
      engine: f.engine,
      ...(f.error ? { error: f.error } : {}),
      ...(f.notes?.length ? { notes: f.notes } : {}),
      ...(reqBody ? { requestBody: reqBody.meta } : {}),
      ...(resBody ? { responseBody: resBody.meta } : {}),
    },
  };
  const page = pageId(f);
  if (page) entry.pageref = page;
  return entry;
}

function renderResponse(f: Flow, httpVersion: string, b?: RenderedBody): HarResponse {
  const res = f.response!;
  const mimeType = res.body?.contentType ?? headerValue(res.headers, 'content-type') ?? '';
  let content: HarContent = { size: 0, mimeType };
  if (res.body && b) {
    content = { size: b.decodedSize, mimeType };
    const decoded = res.body.contentEncoding && !b.meta.omitted && !b.meta.textContentEncoding;
    if (decoded) content.compression = res.body.size - b.decodedSize;
    if (b.text !== undefined) content.text = b.text;
    if (b.base64) content.encoding = 'base64';
  }
  return {
    status: res.status,
    statusText: res.statusText ?? '',
    httpVersion,
    cookies: responseCookies(res.headers),
    headers: nameValues(res.headers),
    content,
    redirectURL: headerValue(res.headers, 'location') ?? '',
    headersSize: -1,
    bodySize: res.body?.size ?? 0,
  };
}

/** Chrome's shape for a request that got no response: status 0 and `_error`. */
function noResponse(error?: string): HarResponse {
  return {
    status: 0,
    statusText: '',
    httpVersion: '',
    cookies: [],
    headers: [],
    content: { size: 0, mimeType: 'x-unknown' },
    redirectURL: '',
    headersSize: -1,
    bodySize: -1,
    ...(error ? { _error: error } : {}),
  };
}

interface RenderedBody {
  text?: string;
  base64: boolean;
  decodedSize: number;
  meta: HarPrivlabBody;
}

function renderBody(reader: RunReader, ref: BodyRef, cap: number): RenderedBody {
  const meta: HarPrivlabBody = { sha256: ref.sha256, size: ref.size, ...(ref.truncated ? { truncated: true } : {}) };
  const path = reader.bodyPath(ref.sha256);
  if (!/^[0-9a-f]{64}$/.test(ref.sha256) || !existsSync(path)) {
    return { base64: false, decodedSize: 0, meta: { ...meta, omitted: 'missing from bodies/' } };
  }
  if (statSync(path).size > cap) {
    return { base64: false, decodedSize: 0, meta: { ...meta, omitted: `larger than the export cap of ${cap} bytes` } };
  }
  let bytes = reader.body(ref.sha256)!;
  const enc = ref.contentEncoding?.trim().toLowerCase();
  if (enc && enc !== 'identity') {
    const decoded = decodeContent(bytes, enc, cap);
    if (decoded) bytes = decoded;
    else meta.textContentEncoding = enc;
  }
  const text = utf8OrUndefined(bytes);
  return text !== undefined
    ? { text, base64: false, decodedSize: bytes.length, meta }
    : { text: bytes.toString('base64'), base64: true, decodedSize: bytes.length, meta };
}

/** Decodes gzip/deflate/br within `cap` output bytes; undefined when unknown, corrupt or too large (a bomb). */
function decodeContent(bytes: Buffer, encoding: string, cap: number): Buffer | undefined {
  const o = { maxOutputLength: cap };
  try {
    switch (encoding) {
      case 'gzip':
      case 'x-gzip':
        return gunzipSync(bytes, o);
      case 'deflate':
        // Servers send both zlib-wrapped and raw deflate under this name.
        try {
          return inflateSync(bytes, o);
        } catch {
          return inflateRawSync(bytes, o);
        }
      case 'br':
        return brotliDecompressSync(bytes, o);
      default:
        return undefined;
    }
  } catch {
    return undefined;
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Text only when it is valid UTF-8 without NULs, so Buffer.from(text) gives back the same bytes. */
function utf8OrUndefined(bytes: Buffer): string | undefined {
  if (bytes.includes(0)) return undefined;
  try {
    return utf8.decode(bytes);
  } catch {
    return undefined;
  }
}

function nameValues(headers: Header[]): HarNameValue[] {
  return headers.map((h) => ({ name: h.name, value: h.value }));
}

function queryOf(url: string): HarNameValue[] {
  try {
    return [...new URL(url).searchParams].map(([name, value]) => ({ name, value }));
  } catch {
    return [];
  }
}

function requestCookies(headers: Header[]): HarCookie[] {
  return headers
    .filter((h) => h.name.toLowerCase() === 'cookie')
    .flatMap((h) => h.value.split(';'))
    .map((pair) => splitPair(pair.trim()))
    .filter((c) => c.name);
}

function responseCookies(headers: Header[]): HarCookie[] {
  return headers
    .filter((h) => h.name.toLowerCase() === 'set-cookie')
    .map((h) => {
      const [first = '', ...attrs] = h.value.split(';');
      const cookie: HarCookie = splitPair(first.trim());
      for (const a of attrs) {
        const { name, value } = splitPair(a.trim());
        const key = name.toLowerCase();
        if (key === 'path') cookie.path = value;
        else if (key === 'domain') cookie.domain = value;
        else if (key === 'expires') cookie.expires = value;
        else if (key === 'httponly') cookie.httpOnly = true;
        else if (key === 'secure') cookie.secure = true;
      }
      return cookie;
    })
    .filter((c) => c.name);
}

function splitPair(s: string): HarCookie {
  const i = s.indexOf('=');
  return i < 0 ? { name: s, value: '' } : { name: s.slice(0, i).trim(), value: s.slice(i + 1).trim() };
}
