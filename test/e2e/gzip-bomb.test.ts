// Hostile bodies through the embedded proxy: a request whose gzip body expands to 1 GiB, a gzip-bomb
// response and a 256 MiB plain response. Memory stays bounded, every flow is kept, the big body is cut
// at the capture limit, and analysis notes the decompression cut instead of expanding the bomb.

import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeRun, ANALYSIS_FILE } from '../../src/analysis/analyze-run.ts';
import { createEmbeddedEngine } from '../../src/capture/embedded.ts';
import type { CaptureEngine } from '../../src/core/capture.ts';
import { DEFAULT_MAX_BODY_BYTES } from '../../src/core/capture.ts';
import { tempRun } from '../capture/run-dir.ts';

const MiB = 1024 * 1024;
const MEMBER_EXPANDS_TO = 64 * MiB;
const MEMBERS = 16; // 16 x 64 MiB = 1 GiB expanded
const BIG_PLAIN = 256 * MiB;
// A gzip stream may hold several members; each decompresses to 64 MiB of zeros from ~64 KiB.
const member = gzipSync(Buffer.alloc(MEMBER_EXPANDS_TO), { level: 9 });

/** The bomb generated as it is sent: never more than one member in memory. */
function bombStream(): Readable {
  let sent = 0;
  return new Readable({
    read() {
      this.push(sent++ < MEMBERS ? member : null);
    },
  });
}

function plainStream(total: number): Readable {
  const chunk = Buffer.alloc(MiB, 0x61);
  let sent = 0;
  return new Readable({
    read() {
      this.push(sent < total ? chunk : null);
      sent += chunk.length;
    },
  });
}

let upstream: http.Server;
let upstreamPort: number;
const run = tempRun();
let engine: CaptureEngine;
let proxyPort: number;
let peakRss = 0;
let baseRss = 0;
let sampler: NodeJS.Timeout;

beforeAll(async () => {
  upstream = http.createServer((req, res) => {
    let received = 0;
    req.on('data', (d: Buffer) => (received += d.length));
    req.on('end', () => {
      if (req.url === '/bomb-response') {
        res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
        bombStream().pipe(res);
      } else if (req.url === '/big-response') {
        res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(BIG_PLAIN) });
        plainStream(BIG_PLAIN).pipe(res);
      } else {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ received }));
      }
    });
  });
  await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', r));
  upstreamPort = (upstream.address() as AddressInfo).port;
  run.writer.writeRunInfo({
    id: 'gzip-bomb', privlabVersion: 'test', source: 'live', variants: [], engine: 'embedded', tools: {},
    target: { name: 'bomb', category: 'marriage_dating', platform: 'web', firstParty: ['127.0.0.1'] },
    startedAt: new Date().toISOString(), complete: true, outcomes: [],
  });
  engine = createEmbeddedEngine({ sink: run.writer });
  proxyPort = Number(new URL((await engine.start()).url).port);
  global.gc?.();
  baseRss = process.memoryUsage().rss;
  sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);
});

afterAll(async () => {
  clearInterval(sampler);
  await engine.stop();
  await new Promise((r) => upstream.close(r));
});

/** Sends through the proxy and discards the response as it streams, returning its status and size. */
function viaProxy(path: string, body?: Readable, headers: Record<string, string> = {}): Promise<{ status: number; bytes: number }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port: proxyPort, method: body ? 'POST' : 'GET', path: `http://127.0.0.1:${upstreamPort}${path}`, headers },
      (res) => {
        let bytes = 0;
        res.on('data', (d: Buffer) => (bytes += d.length));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, bytes }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    if (body) body.pipe(req);
    else req.end();
  });
}

describe('gzip bomb and huge bodies through the embedded proxy', () => {
  it('keeps the flows, cuts what exceeds the limit, and memory stays bounded', async () => {
    const bomb = await viaProxy('/api/upload', bombStream(), { 'content-type': 'application/json', 'content-encoding': 'gzip' });
    expect(bomb.status).toBe(200);
    const bombResponse = await viaProxy('/bomb-response');
    expect(bombResponse.bytes).toBe(member.length * MEMBERS);
    const big = await viaProxy('/big-response');
    expect(big.bytes).toBe(BIG_PLAIN);
    await new Promise((r) => setTimeout(r, 200)); // the last flow is written when its body ends

    const flows = run.flows();
    const up = flows.find((f) => f.request.url.endsWith('/api/upload'));
    // The compressed bomb (~1 MiB) fits the capture limit: stored as sent, still compressed.
    expect(up?.request.body).toMatchObject({ size: member.length * MEMBERS, contentEncoding: 'gzip' });
    expect(up?.request.body?.truncated).toBeUndefined();
    const down = flows.find((f) => f.request.url.endsWith('/bomb-response'));
    expect(down?.response?.body).toMatchObject({ size: member.length * MEMBERS, contentEncoding: 'gzip' });
    const plain = flows.find((f) => f.request.url.endsWith('/big-response'));
    expect(plain?.response?.body).toMatchObject({ size: DEFAULT_MAX_BODY_BYTES, truncated: true });
    expect(plain?.notes?.join(' ')).toMatch(/response body cut at \d+ of 268435456 bytes/);

    const a = await analyzeRun(run.dir, { inspect: async () => [] });
    expect(a.flows).toBe(3);
    const summary = JSON.parse(readFileSync(`${run.dir}/${ANALYSIS_FILE}`, 'utf8')) as { notes: Array<{ flowId: string; note: string }> };
    const bombNotes = summary.notes.filter((n) => n.flowId === up!.id).map((n) => n.note);
    expect(bombNotes.join(' ')).toMatch(/exceeds \d+ bytes: only the first \d+ bytes were analysed/);

    clearInterval(sampler);
    const growthMiB = (peakRss - baseRss) / MiB;
    console.log(`gzip bomb: peak RSS growth ${growthMiB.toFixed(0)} MiB over ${(baseRss / MiB).toFixed(0)} MiB`);
    expect(growthMiB).toBeLessThan(500);
  });
});
