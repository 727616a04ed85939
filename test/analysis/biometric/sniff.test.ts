import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { sniffMedia } from '../../../src/analysis/biometric/sniff.ts';
import { noise, sineWav } from './media-samples.ts';

const bytes = (...parts: Array<string | number[]>): Buffer =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));
const ftyp = (brand: string): Buffer => bytes([0, 0, 0, 0x18], 'ftyp', brand, [0, 0, 0, 0], brand, 'isom');

/** Two MPEG-1 layer III frames at 128 kbit/s, 44.1 kHz: 417 bytes each. */
function mp3Frames(): Buffer {
  const frame = Buffer.alloc(417);
  frame.set([0xff, 0xfb, 0x90, 0x00]);
  return Buffer.concat([frame, frame]);
}

/** Two ADTS frames of 20 bytes. */
function adtsFrames(): Buffer {
  const frame = Buffer.alloc(20);
  frame.set([0xff, 0xf1, 0x50, 0x80, (20 >> 3) & 0xff, ((20 & 7) << 5) | 0x1f, 0xfc]);
  return Buffer.concat([frame, frame]);
}

describe('sniffMedia', () => {
  it('recognises images that sharp writes', async () => {
    const base = sharp({ create: { width: 8, height: 8, channels: 3, background: '#808080' } });
    for (const format of ['jpeg', 'png', 'gif', 'webp', 'avif', 'tiff'] as const) {
      expect(sniffMedia(await base.clone().toFormat(format).toBuffer())).toEqual({ kind: 'image', format });
    }
  });

  it.each([
    ['bmp', bytes('BM', [0x46, 0, 0, 0, 0, 0, 0, 0, 0x36, 0, 0, 0, 40, 0, 0, 0]), 'image'],
    ['heic', ftyp('heic'), 'image'],
    ['mp4', ftyp('isom'), 'video'],
    ['mov', ftyp('qt  '), 'video'],
    ['m4a', ftyp('M4A '), 'audio'],
    ['webm', bytes([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x82, 0x84], 'webm'), 'video'],
    ['avi', bytes('RIFF', [0, 0, 0, 0], 'AVI LIST'), 'video'],
    ['wav', sineWav(0.01), 'audio'],
    ['amr', bytes('#!AMR\n', [0x3c]), 'audio'],
    ['opus', bytes('OggS', [0, 2], Buffer.alloc(20).toString('latin1'), 'OpusHead'), 'audio'],
    ['mp3', bytes('ID3', [3, 0, 0, 0, 0, 0, 0]), 'audio'],
    ['mp3', mp3Frames(), 'audio'],
    ['aac', adtsFrames(), 'audio'],
  ])('%s', (format, input, kind) => {
    expect(sniffMedia(input)).toEqual({ kind, format });
  });

  it('does not take a lone frame sync or text for media', () => {
    expect(sniffMedia(mp3Frames().subarray(0, 420))).toBeNull();
    expect(sniffMedia(Buffer.from('BM is how this sentence starts'))).toBeNull();
    expect(sniffMedia(Buffer.from('{"image":"..."}'))).toBeNull();
    for (let seed = 1; seed <= 50; seed++) expect(sniffMedia(noise(256, seed))).toBeNull();
  });
});
