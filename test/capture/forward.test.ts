// The embedded engine forwards requests to mapped hosts itself (src/capture/forward.ts): what reaches
// the upstream and what is recorded must be what mockttp's passthrough gave, including failures.

import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { downstreamPairs, upstreamHeaders } from '../../src/capture/request-target.ts';
import { headerValue } from '../../src/core/flow.ts';
import { startMappedProxy, stopMappedProxy, type MappedProxy } from './mapped-proxy.ts';
import type { ProxyClient } from './proxy-client.ts';

describe('headers across the hop', () => {
  it('from HTTP/2: no pseudo-headers, Host from :authority, cookies joined, a body framed', () => {
    const raw = [':method', 'POST', ':authority', 'app.example.test', ':path', '/x', 'cookie', 'a=1', 'cookie', 'b=2', 'x-k', 'v'];
    expect(upstreamHeaders(raw, 'POST', true)).toEqual(['host', 'app.example.test', 'x-k', 'v', 'cookie', 'a=1; b=2', 'transfer-encoding', 'chunked']);
  });

  it("from HTTP/1.1: as sent, less the client's hop-by-hop and proxy headers", () => {
    const raw = ['Host', 'h', 'Connection', 'keep-alive', 'Proxy-Authorization', 'Basic x', 'Cookie', 'a=1', 'Content-Length', '2'];
    expect(upstreamHeaders(raw, 'POST', false)).toEqual(['Host', 'h', 'Cookie', 'a=1', 'Content-Length', '2']);
  });

  it('to HTTP/2: connection-specific response headers dropped; to HTTP/1 all kept in order', () => {
    const raw = ['Content-Type', 'text/plain', 'Connection', 'keep-alive', 'Transfer-Encoding', 'chunked', 'Set-Cookie', 'a=1', 'Set-Cookie', 'b=2'];
    expect(downstreamPairs(raw, true)).toEqual([['Content-Type', 'text/plain'], ['Set-Cookie', 'a=1'], ['Set-Cookie', 'b=2']]);
    expect(downstreamPairs(raw, false)).toHaveLength(5);
  });
});

async function closedPort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as AddressInfo;
  await new Promise((r) => s.close(r));
  return port;
}

describe('embedded engine: forwarding to mapped hosts', () => {
  let p: MappedProxy | undefined;
  let run: MappedProxy['run'];
  let proxy: URL;
  let client: ProxyClient;

  beforeAll(async () => {
    const down = await closedPort();
    p = await startMappedProxy((upstream) => ({ hostMap: { 'app.example.test': `127.0.0.1:${upstream.port}`, 'down.example.test': `127.0.0.1:${down}` } }));
    ({ run, proxy, client } = p);
  });

  afterAll(() => stopMappedProxy(p));

  it("records a mapped host's server that is down with the upstream's error, and the client sees a broken connection", async () => {
    const outcome = await client.request('https://down.example.test/ping').then((r) => r.status, () => 'failed');
    expect(outcome).toBe('failed');
    const flow = await run.flowFor('https://down.example.test/ping');
    expect(flow.response).toBeUndefined();
    expect(flow.error).toMatch(/Upstream connection error: .*ECONNREFUSED/);
  });

  it('passes a chunked upload of unknown length through whole and records it', async () => {
    const url = 'http://app.example.test/chunked';
    const status = await new Promise<{ received: number }>((resolve, reject) => {
      const req = http.request({ host: proxy.hostname, port: Number(proxy.port), method: 'POST', path: url, headers: { host: 'app.example.test' } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c)).on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString()) as { received: number }));
      });
      req.on('error', reject);
      req.write('a'.repeat(1000));
      setTimeout(() => req.end('b'.repeat(500)), 20);
    });
    expect(status.received).toBe(1500);
    const flow = await run.flowFor(url);
    expect(flow.request.body?.size).toBe(1500);
    expect(headerValue(flow.request.headers, 'transfer-encoding')).toBe('chunked');
    expect(flow.response?.status).toBe(200);
  });

  it("passes the upstream's trailers on", async () => {
    const trailers = await new Promise<Record<string, string | undefined>>((resolve, reject) => {
      http
        .get({ host: proxy.hostname, port: Number(proxy.port), path: 'http://app.example.test/trailer', headers: { host: 'app.example.test' } }, (res) => {
          res.resume().on('end', () => resolve(res.trailers));
        })
        .on('error', reject);
    });
    expect(trailers['x-checksum']).toBe('abc');
  });

  it('records a proxy-form request without the headers meant for the proxy', async () => {
    const url = 'http://app.example.test/proxied';
    await new Promise<void>((resolve, reject) => {
      http
        .get({ host: proxy.hostname, port: Number(proxy.port), path: url, headers: { host: 'app.example.test', 'proxy-connection': 'keep-alive' } }, (res) => res.resume().on('end', resolve))
        .on('error', reject);
    });
    const flow = await run.flowFor(url);
    expect(flow.request.headers.map((h) => h.name.toLowerCase())).not.toContain('proxy-connection');
    expect(flow.response?.statusText).toBe('OK');
  });
});
