// An open proxy is refused: a non-loopback listener needs an allow-list of clients; with one, clients
// outside it are dropped and requests to the capture machine's own addresses are refused unless
// --allow-loopback-upstream. Both engines. (Listening on a real network address is not done here:
// the tests keep every server on 127.0.0.1 and name the allow-list so the guards are on.)

import { mkdtempSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureCa, type PrivlabCa } from '../../src/capture/ca.ts';
import { createEmbeddedEngine } from '../../src/capture/embedded.ts';
import { listenerPolicy, ListenerPolicyError } from '../../src/capture/listener-policy.ts';
import { createMitmproxyEngine } from '../../src/capture/mitmproxy.ts';
import type { CaptureEngine, CaptureOptions } from '../../src/core/capture.ts';
import { ProxyClient } from './proxy-client.ts';
import { tempRun } from './run-dir.ts';
import { startUpstream, type Upstream } from './upstream.ts';

describe('listener policy', () => {
  it('a non-loopback listener without an allow-list is refused, naming --allow', () => {
    expect(() => listenerPolicy('0.0.0.0')).toThrow(ListenerPolicyError);
    expect(() => listenerPolicy('192.168.1.20')).toThrow(/--allow <cidr,...>/);
    expect(() => listenerPolicy('127.0.0.1')).not.toThrow();
  });

  it('checks client addresses against CIDRs, v4-mapped v6 included; bad CIDRs are named', () => {
    const p = listenerPolicy('0.0.0.0', ['192.168.1.0/24', '10.0.0.7', 'fd00::/8']);
    expect(p.allowsClient('192.168.1.99')).toBe(true);
    expect(p.allowsClient('::ffff:192.168.1.5')).toBe(true);
    expect(p.allowsClient('10.0.0.7')).toBe(true);
    expect(p.allowsClient('10.0.0.8')).toBe(false);
    expect(p.allowsClient('fd12::1')).toBe(true);
    expect(p.allowsClient('8.8.8.8')).toBe(false);
    expect(p.allowsClient(undefined)).toBe(false);
    expect(() => listenerPolicy('0.0.0.0', ['192.168.1.0/33'])).toThrow('--allow: "192.168.1.0/33" is not an address or CIDR');
  });

  it("refuses upstreams that are this machine's own addresses, by name too, unless allowed", async () => {
    const p = listenerPolicy('0.0.0.0', ['192.168.1.0/24']);
    expect(await p.allowsUpstream('127.0.0.1')).toBe(false);
    expect(await p.allowsUpstream('localhost')).toBe(false);
    expect(await p.allowsUpstream('[::1]')).toBe(false);
    expect(await p.allowsUpstream('0.0.0.0')).toBe(false);
    expect(await p.allowsUpstream('93.184.216.34')).toBe(true);
    expect(await listenerPolicy('0.0.0.0', ['192.168.1.0/24'], true).allowsUpstream('127.0.0.1')).toBe(true);
  });
});

const ENGINES: Array<[string, (o: CaptureOptions, ca: PrivlabCa) => CaptureEngine]> = [
  ['embedded', createEmbeddedEngine],
  ['mitmproxy', createMitmproxyEngine],
];

describe.each(ENGINES)('%s engine', (_name, create) => {
  let upstream: Upstream;
  let ca: PrivlabCa;
  const engines: CaptureEngine[] = [];
  const start = async (o: Partial<CaptureOptions>) => {
    const e = create({ sink: tempRun().writer, ...o }, ca);
    engines.push(e);
    return { engine: e, proxy: await e.start() };
  };

  beforeAll(async () => {
    upstream = await startUpstream();
    ca = await ensureCa(mkdtempSync(join(tmpdir(), 'privlab-home-')));
  });
  afterAll(async () => {
    for (const e of engines) await e.stop();
    await upstream?.close();
  });

  it('refuses to start on a non-loopback address without an allow-list', async () => {
    await expect(create({ sink: tempRun().writer, listenHost: '0.0.0.0' }, ca).start()).rejects.toThrow(ListenerPolicyError);
  });

  it('is bound only to the address asked for: another loopback address of this machine is refused', async () => {
    const { proxy } = await start({});
    const port = Number(new URL(proxy.url).port);
    const connects = (host: string) =>
      new Promise<boolean>((resolve) => {
        const s = createConnection({ host, port }, () => (s.end(), resolve(true)));
        s.once('error', () => resolve(false));
      });
    expect(await connects('127.0.0.1')).toBe(true);
    expect(await connects('127.0.0.2')).toBe(false);
  }, 30_000);

  it('drops a client outside the allow-list', async () => {
    const { proxy } = await start({ allowClients: ['10.99.99.0/24'], allowLoopbackUpstream: true });
    const client = new ProxyClient(proxy.url);
    await expect(client.request(`http://127.0.0.1:${upstream.port}/x`)).rejects.toThrow();
    client.close();
  }, 30_000);

  it('serves an allowed client over HTTPS too (CONNECT, then TLS inside the tunnel)', async () => {
    const { proxy } = await start({ allowClients: ['127.0.0.1/32'], allowLoopbackUpstream: true, hostMap: { 'app.example.test': `127.0.0.1:${upstream.port}` } });
    const client = new ProxyClient(proxy.url, ca.certPem);
    const r = await client.request('https://app.example.test/tls');
    expect(r.status).toBe(200);
    client.close();
  }, 30_000);

  it("refuses to forward to the capture machine's loopback; forwards with allowLoopbackUpstream", async () => {
    const guarded = new ProxyClient((await start({ allowClients: ['127.0.0.1/32'] })).proxy.url);
    const refused = await guarded.request(`http://127.0.0.1:${upstream.port}/secret`);
    expect(refused.status).toBe(403);
    expect(refused.body.toString()).toContain('--allow-loopback-upstream');
    guarded.close();

    const open = new ProxyClient((await start({ allowClients: ['127.0.0.1/32'], allowLoopbackUpstream: true })).proxy.url);
    const ok = await open.request(`http://127.0.0.1:${upstream.port}/secret`);
    expect(ok.status).toBe(200);
    open.close();
  }, 30_000);
});
