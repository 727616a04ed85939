import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BodyHead } from '../../src/capture/body-limit.ts';

describe('BodyHead', () => {
  it('keeps exactly the first limit bytes of any chunking and counts the rest', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 50 }), { maxLength: 20 }), fc.nat(300), (chunks, limit) => {
        const head = new BodyHead(limit);
        for (const c of chunks) head.push(c);
        const all = Buffer.concat(chunks.map((c) => Buffer.from(c)));
        expect(head.bytes().equals(all.subarray(0, limit))).toBe(true);
        expect(head.seen).toBe(all.length);
        expect(head.truncated).toBe(all.length > limit);
      }),
    );
  });
});
