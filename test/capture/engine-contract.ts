// The behaviour every capture engine must show, run against each engine by its own test file.

import { readFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureCa, type PrivlabCa } from '../../src/capture/ca.ts';
import type { CaptureEngine, CaptureOptions } from '../../src/core/capture.ts';
import type { ProxySettings } from '../../src/core/driver.ts';
import { headerValue } from '../../src/core/flow.ts';
import { ProxyClient } from './proxy-client.ts';
import { tempRun } from './run-dir.ts';
import { GZIP_TEXT, startUpstream, type Upstream } from './upstream.ts';

export type EngineFactory = (opts: CaptureOptions, ca: PrivlabCa) => CaptureEngine;

const LIMIT = 1000;

export function describeEngineContract(label: string, factory: EngineFactory): void {
  describe(`${label} capture engine`, () => {
    let upstream: Upstream;
    let run: ReturnType<typeof tempRun>;
    let engine: CaptureEngine;
    let proxy: ProxySettings;
    let client: ProxyClient;

    beforeAll(async () => {
      upstream = await startUpstream();
      run = tempRun();
      const ca = await ensureCa(mkdtempSync(join(tmpdir(), 'privlab-home-')));
      engine = factory(
        {
          sink: run.writer,
          hostMap: { 'app.example.test': `127.0.0.1:${upstream.port}` },
          harnessHosts: ['update.googleapis.com', '*.gvt1.com'],
          maxBodyBytes: LIMIT,
        },
        ca,
      );
      proxy = await engine.start();
      client = new ProxyClient(proxy.url, ca.certPem);
    });

    afterAll(async () => {
      client?.close();
      await engine?.stop();
      run?.writer.close();
      await upstream?.close();
    });


    it('listens on 127.0.0.1 only', () => {
      const port = Number(new URL(proxy.url).port);
      const hex = port.toString(16).toUpperCase().padStart(4, '0');
      const listening = ['/proc/net/tcp', '/proc/net/tcp6']
        .flatMap((f) => readFileSync(f, 'utf8').split('\n').slice(1))
        .map((l) => l.trim().split(/\s+/))
        .filter((cols) => cols[1]?.endsWith(`:${hex}`) && cols[3] === '0A')
        .map((cols) => cols[1]!.split(':')[0]);
      expect(listening).toEqual(['0100007F']);
    });

    it('records an https request to a mapped host under the name the client used', async () => {
      engine.setContext({ phase: 'register', variant: 'accept-all' });
      const res = await client.request('https://app.example.test/api/register?x=1', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ phone: '13800138000' }),
      });
      expect(res.status).toBe(200);
      // The sample app sees the realistic Host header, not 127.0.0.1.
      expect(JSON.parse(res.body.toString())).toMatchObject({ host: 'app.example.test', path: '/api/register' });

      const flow = await run.flowFor('https://app.example.test/api/register?x=1');
      expect(flow).toMatchObject({ engine: label, client: 'app', phase: 'register', variant: 'accept-all' });
      expect(flow.request.method).toBe('POST');
      expect(run.body(flow.request.body).toString()).toBe('{"phone":"13800138000"}');
      expect(flow.request.body?.contentType).toBe('application/json');
      expect(flow.response?.status).toBe(200);
      expect(run.body(flow.response?.body).toString()).toBe(res.body.toString());
      // Duplicate headers are kept, in order.
      expect(flow.response?.headers.filter((h) => h.name.toLowerCase() === 'set-cookie').map((h) => h.value)).toEqual(['a=1', 'b=2']);
      expect(flow.durationMs).toBeGreaterThanOrEqual(0);
    });

    it('tags flows with the context set before the request', async () => {
      engine.setContext({ phase: 'delete', variant: 'refuse-policy' });
      await client.request('http://app.example.test/plain');
      const flow = await run.flowFor('http://app.example.test/plain');
      expect([flow.phase, flow.variant]).toEqual(['delete', 'refuse-policy']);
    });

    it('stores a compressed body as sent, with its content encoding', async () => {
      const res = await client.request('https://app.example.test/gzip');
      const flow = await run.flowFor('https://app.example.test/gzip');
      const stored = run.body(flow.response?.body);
      expect(flow.response?.body?.contentEncoding).toBe('gzip');
      expect(stored.equals(res.body)).toBe(true);
      expect(gunzipSync(stored).toString()).toBe(GZIP_TEXT);
    });

    it('cuts bodies over the limit, notes it, and still passes them through whole', async () => {
      const upload = Buffer.alloc(50_000, 7);
      const up = await client.request('https://app.example.test/upload', { method: 'PUT', body: upload });
      expect(JSON.parse(up.body.toString()).received).toBe(50_000);
      const down = await client.request('https://app.example.test/big?n=40000');
      expect(down.body.length).toBe(40_000);

      const upFlow = await run.flowFor('https://app.example.test/upload');
      expect(upFlow.request.body).toMatchObject({ size: LIMIT, truncated: true });
      expect(run.body(upFlow.request.body).equals(upload.subarray(0, LIMIT))).toBe(true);
      expect(upFlow.notes?.join(' ')).toMatch(/request body cut at 1000 of 50000 bytes/);

      const downFlow = await run.flowFor('https://app.example.test/big?n=40000');
      expect(downFlow.response?.body).toMatchObject({ size: LIMIT, truncated: true });
      expect(downFlow.notes?.join(' ')).toMatch(/response body cut at 1000 of 40000 bytes/);
    });

    it('answers and labels the browser\'s own hosts as harness traffic', async () => {
      const res = await client.request('https://update.googleapis.com/service/update2/json', { method: 'POST', body: '{}' });
      expect(res.status).toBe(204);
      const flow = await run.flowFor('https://update.googleapis.com/service/update2/json');
      expect(flow.client).toBe('harness');
      expect(flow.clientReason).toContain('update.googleapis.com');
      await client.request('https://r3---sn.gvt1.com/edgedl/x');
      expect((await run.flowFor('https://r3---sn.gvt1.com/edgedl/x')).client).toBe('harness');
    });

    it('records a request to an unreachable host with its error', async () => {
      // The client is told by a reset (embedded) or a 502 from the proxy itself (mitmproxy).
      const outcome = await client.request('https://nowhere.invalid/ping').then((r) => r.status, () => 'failed');
      expect([502, 'failed']).toContain(outcome);
      const flow = await run.flowFor('https://nowhere.invalid/ping');
      expect(flow.client).toBe('app');
      expect(flow.response).toBeUndefined();
      expect(flow.error).toMatch(/nowhere\.invalid|resolve|getaddrinfo|connect/i);
      expect(headerValue(flow.request.headers, 'host')).toBe('nowhere.invalid');
    });
  });
}
