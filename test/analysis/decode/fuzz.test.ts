// Hostile and random input: decoders must never throw, and must stay within their limits.
import zlib from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeBody } from '../helpers.ts';

const TYPES = [
  'application/json',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=B',
  'text/xml',
  'application/x-protobuf',
  'application/octet-stream',
  'application/graphql',
  undefined,
];
const LIMITS = { maxDepth: 16, maxLeaves: 200, maxBytes: 256 * 1024 };

async function checkBounded(body: Buffer | string, type: string | undefined, enc?: string): Promise<void> {
  const r = await decodeBody(body, type, enc, LIMITS);
  expect(r.leaves.length).toBeLessThanOrEqual(LIMITS.maxLeaves);
  for (const l of r.leaves) expect(l.value.length).toBeLessThanOrEqual(LIMITS.maxBytes);
}

describe('decoders under random input', () => {
  it('never throw on random bytes of any declared type', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2048 }), fc.constantFrom(...TYPES), async (bytes, type) => {
        await checkBounded(Buffer.from(bytes), type);
      }),
      { numRuns: 300 },
    );
  });

  it('never throw on random JSON values, nested base64 and data URLs included', async () => {
    const leaf = fc.oneof(
      fc.string(),
      fc.string().map((s) => Buffer.from(s).toString('base64')),
      fc.uint8Array({ maxLength: 64 }).map((b) => `data:image/png;base64,${Buffer.from(b).toString('base64')}`),
      fc.integer(),
      fc.boolean(),
    );
    const tree = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: 'small' }, leaf, fc.array(tie('node'), { maxLength: 4 }), fc.dictionary(fc.string(), tie('node'), { maxKeys: 4 })),
    })).node;
    await fc.assert(
      fc.asyncProperty(tree, fc.boolean(), async (value, wrap) => {
        const text = JSON.stringify(value);
        await checkBounded(wrap ? JSON.stringify({ b: Buffer.from(text).toString('base64') }) : text, 'application/json');
      }),
      { numRuns: 300 },
    );
  });

  it('never throw on mangled multipart, XML and compressed bodies', async () => {
    const piece = fc.constantFrom('--B', '\r\n', '\r\n\r\n', 'Content-Disposition: form-data; name="a"', 'filename="x"', '<a>', '</a>', '<![CDATA[', '&#x1F600;', '&bogus;', 'x=1&', '\u0000', '\uffff', '"');
    await fc.assert(
      fc.asyncProperty(fc.array(fc.oneof(piece, fc.string()), { maxLength: 40 }), fc.constantFrom(...TYPES), fc.boolean(), async (parts, type, gz) => {
        const body = Buffer.from(parts.join(''));
        await checkBounded(gz ? zlib.gzipSync(body).subarray(0, Math.max(10, body.length)) : body, type, gz ? 'gzip' : undefined);
      }),
      { numRuns: 300 },
    );
  });
});
