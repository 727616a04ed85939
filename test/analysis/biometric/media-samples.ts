// Test inputs built in the tests themselves: a sine-wave WAV, a PNG header claiming huge dimensions,
// seeded noise, and videos made from a fixture with ffmpeg.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32 } from 'node:zlib';

export const IMAGES_DIR = fileURLToPath(new URL('../../fixtures/images/', import.meta.url));
export const fixture = (name: string): Buffer => readFileSync(path.join(IMAGES_DIR, name));

/** 16-bit mono PCM WAV of a sine tone, header written field by field (RIFF/WAVE, fmt, data). */
export function sineWav(seconds = 0.5, sampleRate = 16_000, hz = 440): Buffer {
  const samples = Math.round(seconds * sampleRate);
  const out = Buffer.alloc(44 + samples * 2);
  out.write('RIFF', 0, 'latin1');
  out.writeUInt32LE(36 + samples * 2, 4);
  out.write('WAVE', 8, 'latin1');
  out.write('fmt ', 12, 'latin1');
  out.writeUInt32LE(16, 16); // fmt chunk size
  out.writeUInt16LE(1, 20); // PCM
  out.writeUInt16LE(1, 22); // mono
  out.writeUInt32LE(sampleRate, 24);
  out.writeUInt32LE(sampleRate * 2, 28); // byte rate
  out.writeUInt16LE(2, 32); // block align
  out.writeUInt16LE(16, 34); // bits per sample
  out.write('data', 36, 'latin1');
  out.writeUInt32LE(samples * 2, 40);
  for (let i = 0; i < samples; i++) out.writeInt16LE(Math.round(12_000 * Math.sin((2 * Math.PI * hz * i) / sampleRate)), 44 + i * 2);
  return out;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** A valid PNG signature and IHDR announcing width x height RGB, followed by a few bytes of IDAT. */
export function pngHeaderBomb(width = 20_000, height = 20_000): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', Buffer.from([0x78, 0x9c, 0x63, 0x00, 0x00])),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Deterministic noise (mulberry32), so a failure can be replayed. */
export function noise(length: number, seed: number): Buffer {
  const out = Buffer.alloc(length);
  let a = seed >>> 0;
  for (let i = 0; i < length; i++) {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    out[i] = ((t ^ (t >>> 14)) >>> 0) & 0xff;
  }
  return out;
}

/** A one-second video of a still fixture, encoded by ffmpeg. */
export function videoFromStill(ffmpeg: string, image: string, container: 'mp4' | 'webm'): Buffer {
  const dir = mkdtempSync(path.join(tmpdir(), 'privlab-video-'));
  try {
    const out = path.join(dir, `clip.${container}`);
    const codec = container === 'mp4' ? ['-c:v', 'libx264', '-pix_fmt', 'yuv420p'] : ['-c:v', 'libvpx', '-b:v', '300k'];
    execFileSync(ffmpeg, ['-nostdin', '-v', 'error', '-loop', '1', '-i', path.join(IMAGES_DIR, image), '-t', '1', '-r', '5', '-vf', 'scale=320:-2', ...codec, out], { timeout: 60_000 });
    return readFileSync(out);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
