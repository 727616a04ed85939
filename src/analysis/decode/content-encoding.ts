// gzip, deflate and brotli with an output cap: a compression bomb stops at the cap, never expands fully.

import zlib from 'node:zlib';

export type Compression = 'gzip' | 'deflate' | 'br';

export interface Inflated {
  bytes: Buffer;
  /** True when output reached the cap and only its head is kept. */
  capped: boolean;
  /** Set when the stream was corrupt; bytes then hold what came out before the error. */
  error?: string;
}

/** Maps a Content-Encoding token to a codec; identity and unknown tokens give undefined. */
export function compressionOf(token: string): Compression | undefined {
  const t = token.trim().toLowerCase();
  if (t === 'gzip' || t === 'x-gzip') return 'gzip';
  if (t === 'deflate') return 'deflate';
  if (t === 'br') return 'br';
  return undefined;
}

export function sniffCompression(b: Buffer): Compression | undefined {
  if (b.length > 2 && b[0] === 0x1f && b[1] === 0x8b && b[2] === 0x08) return 'gzip';
  return undefined;
}

function decompressor(kind: Compression): zlib.Gunzip | zlib.Inflate | zlib.BrotliDecompress {
  if (kind === 'gzip') return zlib.createGunzip();
  if (kind === 'br') return zlib.createBrotliDecompress();
  // "deflate" on the wire is zlib-wrapped by the spec, raw by some servers: unzip handles the former,
  // raw is retried below.
  return zlib.createInflate();
}

/** Streams the input through the codec, keeping at most `cap` bytes of output. */
export function inflateCapped(input: Buffer, kind: Compression, cap: number): Promise<Inflated> {
  return new Promise((resolve) => {
    const z = kind === 'deflate' && !looksZlibWrapped(input) ? zlib.createInflateRaw() : decompressor(kind);
    const chunks: Buffer[] = [];
    let total = 0;
    let settled = false;
    const finish = (r: Inflated): void => {
      if (settled) return;
      settled = true;
      resolve(r);
    };
    z.on('data', (chunk: Buffer) => {
      if (settled) return;
      const room = cap - total;
      if (chunk.length >= room) {
        if (room > 0) chunks.push(chunk.subarray(0, room));
        total = cap;
        z.destroy();
        finish({ bytes: Buffer.concat(chunks), capped: true });
        return;
      }
      chunks.push(chunk);
      total += chunk.length;
    });
    z.on('end', () => finish({ bytes: Buffer.concat(chunks), capped: false }));
    z.on('error', (e) => finish({ bytes: Buffer.concat(chunks), capped: false, error: e.message }));
    z.end(input);
  });
}

/** Synchronous variant for compressed values nested inside a body; over the cap it gives up. */
export function inflateSyncCapped(input: Buffer, kind: Compression, cap: number): Inflated {
  try {
    const opts = { maxOutputLength: cap };
    const bytes =
      kind === 'gzip'
        ? zlib.gunzipSync(input, opts)
        : kind === 'br'
          ? zlib.brotliDecompressSync(input, opts)
          : looksZlibWrapped(input)
            ? zlib.inflateSync(input, opts)
            : zlib.inflateRawSync(input, opts);
    return { bytes, capped: false };
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'ERR_BUFFER_TOO_LARGE') return { bytes: Buffer.alloc(0), capped: true };
    return { bytes: Buffer.alloc(0), capped: false, error: err.message };
  }
}

function looksZlibWrapped(b: Buffer): boolean {
  // RFC 1950 header: CM=8 and (CMF*256+FLG) % 31 == 0.
  return b.length >= 2 && ((b[0] ?? 0) & 0x0f) === 8 && (((b[0] ?? 0) << 8) | (b[1] ?? 0)) % 31 === 0;
}
