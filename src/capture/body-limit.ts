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
    // Copy so a kept slice does not pin a larger pooled buffer from the socket.
    const part = Buffer.from(buf.subarray(0, Math.min(room, buf.length)));
    this.chunks.push(part);
    this.kept += part.length;
  }

  get truncated(): boolean {
    return this.seen > this.kept;
  }

  bytes(): Buffer {
    return this.chunks.length === 1 ? this.chunks[0]! : Buffer.concat(this.chunks, this.kept);
  }
}
