// Plain-fetch client for the sample apps' servers in unit tests: 127.0.0.1:<port> with the Host header
// the capture proxy would send.

import http from 'node:http';
import sharp from 'sharp';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import type { LocalApp } from '../../src/core/scenario.ts';

export interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  /** The parsed JSON body, or undefined when the body is not JSON. */
  body: any;
}

export interface CallInit {
  method?: string;
  headers?: Record<string, string>;
  json?: unknown;
  form?: Record<string, string>;
  multipart?: FormData;
  body?: Buffer;
  token?: string;
}

async function encode(init: CallInit): Promise<{ body?: Buffer; type?: string }> {
  if (init.json !== undefined) return { body: Buffer.from(JSON.stringify(init.json)), type: 'application/json' };
  if (init.form) return { body: Buffer.from(new URLSearchParams(init.form).toString()), type: 'application/x-www-form-urlencoded' };
  if (init.multipart) {
    // Let the platform write the multipart body and boundary, as a browser would.
    const r = new Response(init.multipart);
    return { body: Buffer.from(await r.arrayBuffer()), type: r.headers.get('content-type') ?? undefined };
  }
  return { body: init.body };
}

export type Call = (host: string, path: string, init?: CallInit) => Promise<Reply>;

/** node:http rather than fetch, because fetch will not send a Host header of our choosing. */
function client(app: LocalApp): Call {
  return async (host: string, path: string, init: CallInit = {}): Promise<Reply> => {
    const addr = app.hosts[host];
    if (!addr) throw new Error(`app does not serve ${host}`);
    const [hostname, port] = addr.split(':');
    const { body, type } = await encode(init);
    const headers: Record<string, string> = { host, ...init.headers };
    if (type) headers['content-type'] = type;
    if (init.token) headers.authorization = `Bearer ${init.token}`;
    if (body) headers['content-length'] = String(body.length);
    return new Promise<Reply>((resolve, reject) => {
      const req = http.request({ hostname, port: Number(port), path, method: init.method ?? (body ? 'POST' : 'GET'), headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: unknown;
          try {
            parsed = JSON.parse(text);
          } catch {
            parsed = undefined;
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, body: parsed });
        });
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(body);
    });
  };
}

/** A real JPEG of the persona's face, as the pages' camera capture would upload. */
async function faceJpeg(): Promise<Buffer> {
  return sharp(new URL('../../scenarios/demo/assets/persona-face.png', import.meta.url).pathname).resize(320, 240).jpeg().toBuffer();
}

export function multipart(fields: Record<string, string | Blob>): FormData {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.append(k, v);
  return fd;
}

/** The JPEG as the Blob a page's canvas.toBlob would give. */
export function photo(bytes: Buffer): Blob {
  return new Blob([new Uint8Array(bytes)], { type: 'image/jpeg' });
}

/**
 * A test file's sample app: started once, reset before each test, stopped at the end. Its fields are set once
 * the file's beforeAll has run.
 */
export function useApp<A extends LocalApp>(start: () => Promise<A>): { app: A; call: Call; jpeg: Buffer } {
  const t = {} as { app: A; call: Call; jpeg: Buffer };
  beforeAll(async () => {
    t.app = await start();
    t.call = client(t.app);
    t.jpeg = await faceJpeg();
  });
  afterAll(() => t.app.stop());
  beforeEach(() => t.app.reset());
  return t;
}
