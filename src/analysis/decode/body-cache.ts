// Identical bodies decoded once: the same page, script or JSON sent again in every variant (or every poll)
// is unwrapped when it comes a second time, kept, and its leaves and notes reused after. Decoding a body depends only on its
// bytes (content-addressed: the SHA-256), its declared type and encoding, the cut flag and where it sits
// (request or response, and the resource its URL ends in, which names a whole-body list), so a reused body gives the flow exactly the leaves a fresh decode would.

import type { Leaf, Position } from './leaf.ts';
import { DecodeSession } from './session.ts';
import { unwrapBody, type BodyMeta } from './unwrap.ts';

/** Bodies larger than this are decoded in place and not kept: rarely repeated, and their leaves are many. */
export const MAX_CACHED_BODY_BYTES = 256 * 1024;
/** Leaves kept over all cached bodies; the oldest bodies go first beyond this. */
const MAX_CACHED_LEAVES = 50_000;
/** DecodeSession keeps this many distinct notes: a body that reached it alone is not replayed. */
const NOTES_KEPT = 50;
/** Bodies remembered as seen once (their keys only), so that only a body that comes again is kept. */
const MAX_SEEN = 100_000;

interface Decoded {
  leaves: Leaf[];
  notes: string[];
}

export class BodyCache {
  private readonly entries = new Map<string, Decoded>();
  private readonly seen = new Set<string>();
  private leaves = 0;

  /**
   * Unwraps `raw` into `s` as unwrapBody does. A body seen once before is decoded and kept; one kept is replayed
   * when its leaves fit the flow's leaf budget; one that would reach the budget (or its own note bound) is
   * decoded in place, as without a cache.
   */
  async unwrap(s: DecodeSession, raw: Buffer, sha256: string, meta: BodyMeta, pos: Position): Promise<void> {
    if (raw.length > MAX_CACHED_BODY_BYTES) return unwrapBody(s, raw, meta, pos);
    const key = `${pos.path}\u0000${pos.route ?? ''}\u0000${sha256}\u0000${meta.contentType ?? ''}\u0000${meta.contentEncoding ?? ''}\u0000${meta.truncated ? 1 : 0}`;
    let decoded = this.entries.get(key);
    // Most bodies of an SDK's traffic are unique: keeping each one's leaves would only churn the heap.
    if (!decoded && !this.seen.has(key)) {
      if (this.seen.size >= MAX_SEEN) this.seen.clear();
      this.seen.add(key);
      return unwrapBody(s, raw, meta, pos);
    }
    if (!decoded) {
      const own = new DecodeSession(s.limits);
      await unwrapBody(own, raw, meta, pos);
      decoded = { leaves: own.leaves, notes: own.notes };
      if (decoded.notes.length < NOTES_KEPT) this.keep(key, decoded);
    }
    if (decoded.notes.length >= NOTES_KEPT || s.leaves.length + decoded.leaves.length >= s.limits.maxLeaves) return unwrapBody(s, raw, meta, pos);
    for (const leaf of decoded.leaves) s.leaves.push(leaf);
    for (const n of decoded.notes) s.note(n);
  }

  private keep(key: string, decoded: Decoded): void {
    if (decoded.leaves.length > MAX_CACHED_LEAVES) return;
    while (this.leaves + decoded.leaves.length > MAX_CACHED_LEAVES) {
      const [oldest, gone] = this.entries.entries().next().value!;
      this.entries.delete(oldest);
      this.leaves -= gone.leaves.length;
    }
    this.entries.set(key, decoded);
    this.leaves += decoded.leaves.length;
  }
}
