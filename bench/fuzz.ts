// Fuzzing of the decoders and detectors with fast-check: generated request bodies, headers and URLs of
// every content type analysis reads, small ones and large ones up to the capture body limit (32 MiB),
// through decodeRequest/decodeResponse, the JWT check and the PI detectors. A crash is any exception;
// notes about bad input are fine. Prints cases tried, crashes (with a shrunk counterexample) and the
// slowest case.
//
//   npm run bench:fuzz [-- --small 400 --large 16 --seed 42]

import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { decodeRequest, decodeResponse } from '../src/analysis/decode/request.ts';
import type { Leaf } from '../src/analysis/decode/leaf.ts';
import { tryJwtPayload } from '../src/analysis/decode/jwt.ts';
import { PiDetector } from '../src/analysis/pii/detect-leaf.ts';
import { loadCatalogs } from '../src/core/catalog-loader.ts';
import { DEFAULT_MAX_BODY_BYTES } from '../src/core/capture.ts';
import type { Flow, Header } from '../src/core/flow.ts';

function arg(name: string, dflt: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
}

const CONTENT_TYPES = [
  'application/json',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=XyZ',
  'text/xml',
  'application/graphql',
  'application/x-protobuf',
  'application/octet-stream',
  'text/plain',
  'image/jpeg',
  undefined,
];
const TOKEN_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';

interface Case {
  where: 'body' | 'header' | 'url';
  contentType?: string;
  gzip: boolean;
  bytes: Buffer;
  /** 'request' or 'response' decoding. */
  direction: 'request' | 'response';
}

const flowOf = (c: Case, headers: Header[], url: string): Flow => ({
  id: 'f000001',
  time: '2025-01-01T00:00:00.000Z',
  phase: 'register',
  variant: 'accept-all',
  client: 'app',
  engine: 'embedded',
  request: {
    method: 'POST',
    url,
    headers,
    ...(c.where === 'body'
      ? { body: { sha256: '0'.repeat(64), size: c.bytes.length, ...(c.contentType ? { contentType: c.contentType } : {}), ...(c.gzip ? { contentEncoding: 'gzip' } : {}) } }
      : {}),
  },
});

/** Small inputs: structured fragments of every kind, shuffled and nested. */
const fragment = fc.oneof(
  fc.json({ maxDepth: 6 }),
  fc.string({ maxLength: 300 }),
  fc.stringMatching(/^[A-Za-z0-9_-]{8,40}\.[A-Za-z0-9_-]{4,40}\.[A-Za-z0-9_-]{0,40}$/), // JWT-shaped
  fc.stringMatching(/^(<[a-z]{1,5}>){1,5}[^<]{0,40}(<\/[a-z]{1,5}>){0,5}$/), // XML-shaped
  fc.stringMatching(/^([a-z]{1,8}=[^&]{0,20}&){0,8}[a-z]{1,8}=[^&]{0,20}$/), // form-shaped
  fc.uint8Array({ maxLength: 2000 }).map((b) => Buffer.from(b).toString('base64')),
  fc.constantFrom('13957216048', '330106199308150429', 'linxiaowen93@example.com', '{"phone":"13800138000"}', '--XyZ\r\nContent-Disposition: form-data; name="a"\r\n\r\nb\r\n--XyZ--'),
);
const smallCase: fc.Arbitrary<Case> = fc.record({
  where: fc.constantFrom('body', 'header', 'url'),
  contentType: fc.constantFrom(...CONTENT_TYPES),
  gzip: fc.boolean(),
  direction: fc.constantFrom('request', 'response'),
  bytes: fc.oneof(fc.array(fragment, { maxLength: 8 }).map((parts) => Buffer.from(parts.join(''))), fc.uint8Array({ maxLength: 4096 }).map((b) => Buffer.from(b))),
}) as fc.Arbitrary<Case>;

/** Large inputs up to the body limit: a generated unit repeated, or random bytes; in a body, a header or the URL. */
const largeCase: fc.Arbitrary<Case> = fc
  .record({
    where: fc.constantFrom('body', 'body', 'header', 'url'),
    contentType: fc.constantFrom(...CONTENT_TYPES),
    gzip: fc.boolean(),
    direction: fc.constantFrom('request', 'response'),
    size: fc.integer({ min: 1 << 20, max: DEFAULT_MAX_BODY_BYTES }),
    shape: fc.constantFrom('token', 'random', 'repeat', 'nested-json', 'jwt-like'),
    unit: fc.string({ unit: fc.constantFrom(...TOKEN_CHARS), minLength: 1, maxLength: 64 }),
  })
  .map((r) => {
    // Headers and URLs come from the capture as text lines; keep them at most 8 MiB like a real proxy would pass.
    const size = r.where === 'body' ? r.size : Math.min(r.size, 8 << 20);
    const bytes =
      r.shape === 'random'
        ? randomBuffer(size)
        : r.shape === 'nested-json'
          ? Buffer.from('{"a":'.repeat(size / 10) + '1' + '}'.repeat(size / 10))
          : r.shape === 'jwt-like'
            ? Buffer.from(`${r.unit.repeat(size / 2 / r.unit.length)}.${r.unit.repeat(size / 4 / r.unit.length)}.x`)
            : Buffer.from(r.unit.repeat(Math.ceil(size / r.unit.length)).slice(0, size));
    return { where: r.where, contentType: r.contentType, gzip: r.gzip && r.where === 'body', direction: r.direction, bytes } as Case;
  });

function randomBuffer(n: number): Buffer {
  const b = Buffer.allocUnsafe(n);
  let x = 0x9e3779b9;
  for (let i = 0; i < n; i += 4) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    b.writeUInt32LE(x >>> 0, Math.min(i, n - 4));
  }
  return b;
}

const detector = new PiDetector(loadCatalogs(), { persona: { name: '林晓雯', phone: '13957216048', idNumber: '330106199308150429', password: 'Lx#2024demo' } });
let slowest = { ms: 0, what: '' };

async function analyse(c: Case): Promise<void> {
  const started = Date.now();
  const text = c.bytes.toString('latin1');
  const headers: Header[] = c.where === 'header' ? [{ name: 'Authorization', value: `Bearer ${text}` }] : [];
  if (c.contentType) headers.push({ name: 'Content-Type', value: c.contentType });
  const url = c.where === 'url' ? `https://fuzz.test/p?t=${encodeURIComponent(text)}` : 'https://fuzz.test/p';
  const body = c.where === 'body' ? (c.gzip ? gzipSync(c.bytes) : c.bytes) : undefined;
  const flow = flowOf(c, headers, url);
  const decoded = c.direction === 'response' && body ? await decodeResponse(flow, body) : await decodeRequest(flow, body);
  detector.detectAll(decoded.leaves, (b: Buffer, leaf: Leaf) => `<${leaf.contentType ?? 'binary'} ${b.length} bytes>`);
  tryJwtPayload(text);
  const ms = Date.now() - started;
  if (ms > slowest.ms) slowest = { ms, what: `${c.where} ${c.contentType ?? 'no type'}${c.gzip ? ' gzip' : ''} ${c.direction}, ${(c.bytes.length / 1048576).toFixed(1)} MiB` };
}

async function fuzz(label: string, arb: fc.Arbitrary<Case>, numRuns: number, seed: number): Promise<{ tried: number; crashes: number }> {
  let tried = 0;
  const result = await fc.check(
    fc.asyncProperty(arb, async (c) => {
      tried++;
      await analyse(c);
    }),
    { numRuns, seed, endOnFailure: true },
  );
  const crashes = result.failed ? 1 : 0;
  console.log(`${label}: ${tried} cases tried, ${crashes} crashes${result.failed ? `\n  counterexample (shrunk): ${describe(result.counterexample?.[0] as Case | undefined)}\n  error: ${String(result.errorInstance).split('\n')[0]}` : ''}`);
  return { tried, crashes };
}

function describe(c: Case | undefined): string {
  return c ? `${c.where}, ${c.contentType ?? 'no type'}, gzip ${c.gzip}, ${c.direction}, ${c.bytes.length} bytes: ${JSON.stringify(c.bytes.subarray(0, 120).toString('latin1'))}` : '(none)';
}

const seed = arg('seed', Date.now() % 100000);
const t0 = Date.now();
console.log(`fuzz: seed ${seed} (repeat with --seed ${seed})`);
const small = await fuzz('small inputs (≤ 4 KiB)', smallCase, arg('small', 400), seed);
const large = await fuzz(`large inputs (1 MiB – ${DEFAULT_MAX_BODY_BYTES >> 20} MiB)`, largeCase, arg('large', 16), seed);
console.log(`total: ${small.tried + large.tried} cases, ${small.crashes + large.crashes} crashes, ${((Date.now() - t0) / 1000).toFixed(1)} s; slowest case ${slowest.ms} ms (${slowest.what})`);
if (small.crashes + large.crashes) process.exitCode = 1;
