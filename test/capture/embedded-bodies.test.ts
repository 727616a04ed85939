// Bodies the embedded engine reads through its own taps: a large download arrives in many socket
// chunks and must be stored whole (same sha256 as the client received), an HTTP/2 response body
// counted once, and a body over the limit cut at exactly the limit.

import { createHash } from 'node:crypto';
import http from 'node:http';
import http2 from 'node:http2';
import type { Socket } from 'node:net';
import tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PrivlabCa } from '../../src/capture/ca.ts';
import { createEmbeddedEngine } from '../../src/capture/embedded.ts';
import { startMappedProxy, stopMappedProxy, type MappedProxy } from './mapped-proxy.ts';
import type { ProxyClient } from './proxy-client.ts';

const LIMIT = 8 * 1024 * 1024;
const sha256 = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

/** One HTTP/2 GET through the proxy's CONNECT tunnel. */
async function h2Get(proxy: URL, ca: string, url: URL): Promise<Buffer> {
  const socket = await new Promise<Socket>((resolve, reject) => {
    http
      .request({ host: proxy.hostname, port: Number(proxy.port), method: 'CONNECT', path: `${url.hostname}:443` })
      .once('connect', (_res, s) => resolve(s))
      .once('error', reject)
      .end();
  });
  const secure = tls.connect({ socket, servername: url.hostname, ca, ALPNProtocols: ['h2'] });
  await new Promise((resolve, reject) => secure.once('secureConnect', resolve).once('error', reject));
  const session = http2.connect(url.origin, { createConnection: () => secure });
  try {
    return await new Promise<Buffer>((resolve, reject) => {
      const chunks: Buffer[] = [];
      const req = session.request({ ':path': url.pathname + url.search });
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => resolve(Buffer.concat(chunks)));
      req.on('error', reject);
      req.end();
    });
  } finally {
    session.close();
  }
}

describe('embedded engine bodies', () => {
  let p: MappedProxy | undefined;
  let run: MappedProxy['run'];
  let ca: PrivlabCa;
  let proxy: URL;
  let client: ProxyClient;

  beforeAll(async () => {
    p = await startMappedProxy((upstream) => ({ hostMap: { 'app.example.test': `127.0.0.1:${upstream.port}` }, maxBodyBytes: LIMIT }));
    ({ run, ca, proxy, client } = p);
  });

  afterAll(() => stopMappedProxy(p));

  it('stores a large download whole, as the client received it', async () => {
    const url = 'https://app.example.test/big?n=6000000';
    const res = await client.request(url);
    expect(res.body.length).toBe(6_000_000);
    const flow = await run.flowFor(url);
    expect(flow.response?.body).toMatchObject({ size: 6_000_000, sha256: sha256(res.body) });
    expect(flow.response?.body?.truncated).toBeUndefined();
  });

  it('cuts a download over the limit at exactly the limit and notes its true size', async () => {
    const url = 'https://app.example.test/big?n=9000000';
    const res = await client.request(url);
    expect(res.body.length).toBe(9_000_000);
    const flow = await run.flowFor(url);
    expect(flow.response?.body).toMatchObject({ size: LIMIT, truncated: true, sha256: sha256(res.body.subarray(0, LIMIT)) });
    expect(flow.notes?.join(' ')).toMatch(new RegExp(`response body cut at ${LIMIT} of 9000000 bytes`));
  });

  it('counts an HTTP/2 response body once', async () => {
    const url = new URL('https://app.example.test/big?n=300000');
    const body = await h2Get(proxy, ca.certPem, url);
    expect(body.length).toBe(300_000);
    const flow = await run.flowFor(url.href);
    expect(flow.request.httpVersion).toBe('2.0');
    expect(flow.response?.body).toMatchObject({ size: 300_000, sha256: sha256(body) });
    expect(flow.notes).toBeUndefined();
  });

  it("counts once the body of an HTTP/2 answer the proxy writes itself (end(chunk) writes through write())", async () => {
    // With an allow-list the proxy refuses loopback upstreams with its own 403 and a reason.
    const guarded = createEmbeddedEngine({ sink: run.writer, allowClients: ['127.0.0.0/8'] }, ca);
    const at = new URL((await guarded.start()).url);
    try {
      const url = new URL('https://localhost/refused');
      const body = await h2Get(at, ca.certPem, url);
      expect(body.toString()).toMatch(/^privlab: this proxy does not forward/);
      const flow = await run.flowFor(url.href);
      expect(flow.response?.status).toBe(403);
      expect(run.body(flow.response?.body).equals(body)).toBe(true);
    } finally {
      await guarded.stop();
    }
  });

  it('records a request the client broke off as broken off, not as the 500 mockttp then writes to nobody', async () => {
    const url = 'http://app.example.test/slow?ms=800';
    await new Promise<void>((resolve) => {
      const req = http.request({ host: proxy.hostname, port: Number(proxy.port), path: url, headers: { host: 'app.example.test' } });
      req.on('error', () => resolve());
      req.end();
      setTimeout(() => req.destroy(), 150);
    });
    const flow = await run.flowFor(url);
    expect(flow.response?.status).toBeUndefined();
    expect(flow.error).toMatch(/closed|abort|hang up/i);
  });

  it('records a small HTTP/2 answer with its body', async () => {
    const url = new URL('https://app.example.test/api/h2');
    const body = await h2Get(proxy, ca.certPem, url);
    const flow = await run.flowFor(url.href);
    expect(run.body(flow.response?.body).equals(body)).toBe(true);
    expect(JSON.parse(body.toString())).toMatchObject({ path: '/api/h2' });
  });
});
