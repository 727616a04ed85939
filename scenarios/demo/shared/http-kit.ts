// A small toolkit for the sample apps' node:http servers: routing, bounded bodies, JSON/form/multipart
// parsing, CORS for the cross-host API calls the pages make, and static pages.

import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFile } from 'node:fs/promises';

/** Uploads are camera JPEGs of tens of kB; anything far larger is refused rather than buffered. */
export const MAX_BODY_BYTES = 8 * 1024 * 1024;

export interface Req {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

export interface Res {
  status: number;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

export type Handler = (req: Req) => Promise<Res> | Res;

/** Thrown by handlers; becomes a JSON error body `{code, msg}` the pages display. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export function json(data: unknown, status = 200): Res {
  return { status, headers: { 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify(data) };
}

export function parseJson(req: Req): Record<string, unknown> {
  try {
    const v: unknown = JSON.parse(req.body.toString('utf8'));
    if (v && typeof v === 'object' && !Array.isArray(v)) return v as Record<string, unknown>;
  } catch {
    // fall through: the same answer as a non-object body
  }
  throw new HttpError(400, '请求格式错误');
}

export function parseForm(req: Req): URLSearchParams {
  return new URLSearchParams(req.body.toString('utf8'));
}

/** Multipart parsing by the platform's own Request, so boundaries and files follow the spec. */
export async function parseMultipart(req: Req): Promise<FormData> {
  const type = req.headers['content-type'] ?? '';
  if (!type.startsWith('multipart/form-data')) throw new HttpError(400, '请求格式错误');
  try {
    return await new Request('http://upload.invalid/', { method: 'POST', headers: { 'content-type': type }, body: new Uint8Array(req.body) }).formData();
  } catch {
    throw new HttpError(400, '上传内容无法解析');
  }
}

export function bearer(req: Req): string | undefined {
  const h = req.headers.authorization;
  return h?.startsWith('Bearer ') ? h.slice(7) : undefined;
}

/** A string field or a 400 naming what is missing (the pages show `msg`). */
export function need(value: unknown, what: string): string {
  if (typeof value === 'string' && value.trim() !== '') return value.trim();
  throw new HttpError(400, `请填写${what}`);
}

/** JPEG bytes start with FF D8 FF: the apps check an upload is a photo, as real ones do. */
export function isJpeg(bytes: Uint8Array): boolean {
  return bytes.length > 1000 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
}

export const PHONE_RE = /^1[3-9]\d{9}$/;

export interface RouterOptions {
  /** Answer CORS preflights and reflect the Origin: the pages call this host from another one. */
  cors?: boolean;
}

/** Routes keyed "METHOD /path"; unknown paths are 404, handler errors become JSON. */
export function router(routes: Record<string, Handler>, options: RouterOptions = {}): Handler {
  return async (req) => {
    if (options.cors && req.method === 'OPTIONS') return { status: 204 };
    const route = routes[`${req.method} ${req.path}`];
    if (!route) return json({ code: 404, msg: '接口不存在' }, 404);
    try {
      return await route(req);
    } catch (e) {
      if (e instanceof HttpError) return json({ code: e.status, msg: e.message }, e.status);
      throw e;
    }
  };
}

function corsHeaders(req: http.IncomingMessage): Record<string, string> {
  return {
    'access-control-allow-origin': req.headers.origin ?? '*',
    'access-control-allow-methods': 'GET, POST, DELETE, OPTIONS',
    'access-control-allow-headers': 'content-type, authorization, x-app-key, x-device-id',
    'access-control-max-age': '600',
    vary: 'Origin',
  };
}

/** The body, or undefined once it passes MAX_BODY_BYTES: the rest is read and dropped, never held. */
function readBody(req: http.IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (c: Buffer) => {
      size += c.length;
      if (size <= MAX_BODY_BYTES) {
        chunks.push(c);
        return;
      }
      chunks.length = 0;
      req.off('data', onData);
      req.resume();
      resolve(undefined);
    };
    req.on('data', onData);
    req.on('end', () => resolve(size <= MAX_BODY_BYTES ? Buffer.concat(chunks) : undefined));
    req.on('error', reject);
  });
}

export interface Listening {
  port: number;
  close(): Promise<void>;
}

/** Listen on 127.0.0.1 at a random port. */
export async function listen(handler: Handler, options: RouterOptions = {}): Promise<Listening> {
  const server = http.createServer((req, res) => void (async () => {
    const extra = options.cors ? corsHeaders(req) : {};
    try {
      const body = await readBody(req);
      if (body === undefined) {
        res.writeHead(413, { ...extra, 'content-type': 'application/json; charset=utf-8', connection: 'close' });
        res.end(JSON.stringify({ code: 413, msg: '文件过大' }));
        return;
      }
      const url = new URL(req.url ?? '/', 'http://local.invalid');
      const out = await handler({ method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, headers: req.headers, body });
      res.writeHead(out.status, { ...extra, ...out.headers });
      res.end(out.body);
    } catch {
      if (!res.headersSent) res.writeHead(500, { ...extra, 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify({ code: 500, msg: '服务器繁忙，请稍后再试' }));
    }
  })());
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const CONTENT_TYPES: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  css: 'text/css; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
};

const SHARED_STATIC = new URL('./static/', import.meta.url);

/**
 * Serves an app's pages folder: `/` is index.html, `/<name>.html|css|js` a file in it, and
 * `/js/<name>.js`, `/css/<name>.css` the files shared by all sample apps (page helpers, camera, base look).
 */
export function staticPages(pagesDir: URL): Handler {
  return async (req) => {
    if (req.method !== 'GET') return json({ code: 405, msg: '不支持的请求' }, 405);
    const path = req.path === '/' ? '/index.html' : req.path;
    const m = /^\/(?:(js|css)\/)?([a-z0-9-]+)\.(html|css|js)$/.exec(path);
    if (!m || (m[1] && m[1] !== m[3])) return { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: '页面不存在' };
    const dir = m[1] ? SHARED_STATIC : pagesDir;
    try {
      const body = await readFile(new URL(`${m[2]}.${m[3]}`, dir));
      return { status: 200, headers: { 'content-type': CONTENT_TYPES[m[3]!]!, 'cache-control': 'no-store' }, body };
    } catch {
      return { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: '页面不存在' };
    }
  };
}
