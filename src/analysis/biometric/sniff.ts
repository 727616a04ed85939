// Media type from the bytes themselves: a Content-Type header is the sender's claim, the magic bytes are the fact.

export type MediaKind = 'image' | 'video' | 'audio';

export interface SniffedMedia {
  kind: MediaKind;
  /** Short container/codec name: jpeg, png, mp4, webm, wav, amr, ... */
  format: string;
}

const ascii = (b: Buffer, start: number, end: number): string => b.toString('latin1', start, end);

const startsWith = (b: Buffer, bytes: number[], at = 0): boolean =>
  b.length >= at + bytes.length && bytes.every((v, i) => b[at + i] === v);

/** ISO base media file brands (ftyp box) and what they hold. */
const FTYP_IMAGE = new Map<string, string>([
  ['heic', 'heic'], ['heix', 'heic'], ['hevc', 'heic'], ['hevx', 'heic'], ['heim', 'heic'], ['heis', 'heic'],
  ['mif1', 'heic'], ['msf1', 'heic'], ['avif', 'avif'], ['avis', 'avif'],
]);
const FTYP_AUDIO = new Map<string, string>([['M4A ', 'm4a'], ['M4B ', 'm4a'], ['M4P ', 'm4a'], ['F4A ', 'm4a']]);

function sniffFtyp(b: Buffer): SniffedMedia | null {
  if (b.length < 12 || ascii(b, 4, 8) !== 'ftyp') return null;
  const boxSize = b.readUInt32BE(0);
  if (boxSize < 12 || boxSize > 4096) return null;
  const major = ascii(b, 8, 12);
  const image = FTYP_IMAGE.get(major);
  if (image) return { kind: 'image', format: image };
  const audio = FTYP_AUDIO.get(major);
  if (audio) return { kind: 'audio', format: audio };
  if (major === 'qt  ') return { kind: 'video', format: 'mov' };
  return { kind: 'video', format: major.startsWith('3g') ? '3gp' : 'mp4' };
}

function sniffRiff(b: Buffer): SniffedMedia | null {
  if (b.length < 12 || ascii(b, 0, 4) !== 'RIFF') return null;
  switch (ascii(b, 8, 12)) {
    case 'WEBP': return { kind: 'image', format: 'webp' };
    case 'WAVE': return { kind: 'audio', format: 'wav' };
    case 'AVI ': return { kind: 'video', format: 'avi' };
    default: return null;
  }
}

function sniffOgg(b: Buffer): SniffedMedia | null {
  if (ascii(b, 0, 4) !== 'OggS') return null;
  const head = ascii(b, 0, Math.min(b.length, 128));
  if (head.includes('theora')) return { kind: 'video', format: 'ogv' };
  return { kind: 'audio', format: head.includes('OpusHead') ? 'opus' : 'ogg' };
}

// MPEG audio layer III: bitrates (kbit/s) by index for MPEG-1 and MPEG-2/2.5, sample rates by version.
const MP3_BITRATES = {
  v1: [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320],
  v2: [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
};
const MP3_RATES: Record<number, number[]> = { 3: [44100, 48000, 32000], 2: [22050, 24000, 16000], 0: [11025, 12000, 8000] };

/** Length of the MPEG-1/2 layer III frame starting at `at`, or 0 when no valid header is there. */
function mp3FrameLength(b: Buffer, at: number): number {
  if (at + 4 > b.length || b[at] !== 0xff) return 0;
  const b1 = b[at + 1]!, b2 = b[at + 2]!;
  if ((b1 & 0xe0) !== 0xe0 || ((b1 >> 1) & 3) !== 1) return 0;
  const version = (b1 >> 3) & 3;
  const rates = MP3_RATES[version];
  const bitrateIndex = b2 >> 4, rateIndex = (b2 >> 2) & 3;
  if (!rates || bitrateIndex === 0 || bitrateIndex === 15 || rateIndex === 3) return 0;
  const bitrate = (version === 3 ? MP3_BITRATES.v1 : MP3_BITRATES.v2)[bitrateIndex]! * 1000;
  const padding = (b2 >> 1) & 1;
  return Math.floor(((version === 3 ? 144 : 72) * bitrate) / rates[rateIndex]!) + padding;
}

/** Length of the ADTS (raw AAC) frame starting at `at`, or 0 when no valid header is there. */
function adtsFrameLength(b: Buffer, at: number): number {
  if (at + 7 > b.length || b[at] !== 0xff || (b[at + 1]! & 0xf6) !== 0xf0) return 0;
  if (((b[at + 2]! >> 2) & 0xf) > 12) return 0;
  const length = ((b[at + 3]! & 3) << 11) | (b[at + 4]! << 3) | (b[at + 5]! >> 5);
  return length >= 7 ? length : 0;
}

/** A bare frame-sync stream counts only when a second frame follows where the first says it ends. */
function twoFrames(b: Buffer, frameLength: (b: Buffer, at: number) => number): boolean {
  const first = frameLength(b, 0);
  return first > 0 && frameLength(b, first) > 0;
}

/** Identify an image, video or audio payload by its leading bytes; null when it is none of those. */
export function sniffMedia(b: Buffer): SniffedMedia | null {
  if (b.length < 4) return null;
  if (startsWith(b, [0xff, 0xd8, 0xff])) return { kind: 'image', format: 'jpeg' };
  if (startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { kind: 'image', format: 'png' };
  const head6 = ascii(b, 0, 6);
  if (head6 === 'GIF87a' || head6 === 'GIF89a') return { kind: 'image', format: 'gif' };
  // BMP: "BM" is common text, so also require a known DIB header size.
  if (b.length >= 18 && ascii(b, 0, 2) === 'BM' && [12, 40, 52, 56, 64, 108, 124].includes(b.readUInt32LE(14))) {
    return { kind: 'image', format: 'bmp' };
  }
  if (ascii(b, 0, 4) === 'II*\0' || ascii(b, 0, 4) === 'MM\0*') return { kind: 'image', format: 'tiff' };
  const riff = sniffRiff(b) ?? sniffFtyp(b) ?? sniffOgg(b);
  if (riff) return riff;
  if (startsWith(b, [0x1a, 0x45, 0xdf, 0xa3])) {
    const docType = ascii(b, 0, Math.min(b.length, 64)).includes('webm') ? 'webm' : 'mkv';
    return { kind: 'video', format: docType };
  }
  if (ascii(b, 0, 3) === 'FLV' && b[3] === 1) return { kind: 'video', format: 'flv' };
  if (ascii(b, 0, 9) === '#!AMR-WB\n') return { kind: 'audio', format: 'amr-wb' };
  if (ascii(b, 0, 6) === '#!AMR\n') return { kind: 'audio', format: 'amr' };
  // WeChat-style SILK voice notes, with or without the leading 0x02.
  if (ascii(b, 0, 9) === '#!SILK_V3' || ascii(b, 1, 10) === '#!SILK_V3') return { kind: 'audio', format: 'silk' };
  if (ascii(b, 0, 4) === 'fLaC') return { kind: 'audio', format: 'flac' };
  if (ascii(b, 0, 3) === 'ID3' && b.length >= 10) return { kind: 'audio', format: 'mp3' };
  if (twoFrames(b, mp3FrameLength)) return { kind: 'audio', format: 'mp3' };
  if (twoFrames(b, adtsFrameLength)) return { kind: 'audio', format: 'aac' };
  return null;
}
