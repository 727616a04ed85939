// Keeps the head of a streamed body up to the capture limit and counts the rest, so memory stays
// bounded by the limit whatever the body's size.

export class BodyHead {
  private chunks: Buffer[] = [];
  private kept = 0;
  /** Bytes seen in total, kept or not. */
  seen = 0;

  constructor(readonly limit: number) {}

  push(chunk: Uint8Array): void {
    this.seen += chunk.length;
    const room = this.limit - this.kept;
    if (room <= 0 || chunk.length === 0) return;
    const buf = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    const slice = buf.subarray(0, Math.min(room, buf.length));
    // A chunk that is most of its memory (a socket read, a parser's body slice of one) is kept as it is;
    // a small slice of a larger (pooled) buffer is copied, so it does not pin that buffer. Kept memory
    // stays under twice the limit, and a 32 MiB head is copied once (in bytes()), not twice.
    const part = slice.byteLength * 2 >= chunk.buffer.byteLength ? slice : Buffer.from(slice);
    this.chunks.push(part);
    this.kept += part.length;
  }

  get truncated(): boolean {
    return this.seen > this.kept;
  }

  /** The head as one buffer; joined once, then kept joined (a flow reads it more than once). */
  bytes(): Buffer {
    if (this.chunks.length > 1) this.chunks = [Buffer.concat(this.chunks, this.kept)];
    return this.chunks[0] ?? Buffer.alloc(0);
  }
}
