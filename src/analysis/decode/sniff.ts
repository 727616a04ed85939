// Recognises binary payloads by their leading bytes (magic numbers), so a decoder can tell a photo
// from random bytes. Only formats that matter for PI (media, documents, archives) are listed.

export interface Sniffed {
  contentType: string;
  /** image, video, audio, document, archive, compressed */
  kind: 'image' | 'video' | 'audio' | 'document' | 'archive' | 'compressed';
}

function startsWith(b: Buffer, bytes: number[], at = 0): boolean {
  if (b.length < at + bytes.length) return false;
  for (let i = 0; i < bytes.length; i++) if (b[at + i] !== bytes[i]) return false;
  return true;
}

function ascii(b: Buffer, at: number, len: number): string {
  return b.length >= at + len ? b.toString('latin1', at, at + len) : '';
}

/** The bytes at `at` spell `text` (ASCII): compared in place, as this runs on every decoded value. */
function spells(b: Buffer, text: string, at = 0): boolean {
  if (b.length < at + text.length) return false;
  for (let i = 0; i < text.length; i++) if (b[at + i] !== text.charCodeAt(i)) return false;
  return true;
}

export function sniffBinary(b: Buffer): Sniffed | undefined {
  if (startsWith(b, [0xff, 0xd8, 0xff])) return { contentType: 'image/jpeg', kind: 'image' };
  if (startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { contentType: 'image/png', kind: 'image' };
  if (spells(b, 'GIF87a') || spells(b, 'GIF89a')) return { contentType: 'image/gif', kind: 'image' };
  if (spells(b, 'BM') && b.length > 26) return { contentType: 'image/bmp', kind: 'image' };
  if (spells(b, 'RIFF')) {
    const sub = ascii(b, 8, 4);
    if (sub === 'WEBP') return { contentType: 'image/webp', kind: 'image' };
    if (sub === 'WAVE') return { contentType: 'audio/wav', kind: 'audio' };
    if (sub === 'AVI ') return { contentType: 'video/x-msvideo', kind: 'video' };
  }
  if (spells(b, 'ftyp', 4)) {
    const brand = ascii(b, 8, 4);
    if (/^(heic|heix|mif1|msf1|avif)$/.test(brand)) return { contentType: brand === 'avif' ? 'image/avif' : 'image/heic', kind: 'image' };
    if (/^(M4A |M4B )$/.test(brand)) return { contentType: 'audio/mp4', kind: 'audio' };
    if (/^(qt  )$/.test(brand)) return { contentType: 'video/quicktime', kind: 'video' };
    return { contentType: 'video/mp4', kind: 'video' };
  }
  if (startsWith(b, [0x1a, 0x45, 0xdf, 0xa3])) return { contentType: 'video/webm', kind: 'video' };
  if (spells(b, '#!AMR')) return { contentType: 'audio/amr', kind: 'audio' };
  if (spells(b, 'OggS')) return { contentType: 'audio/ogg', kind: 'audio' };
  if (spells(b, 'fLaC')) return { contentType: 'audio/flac', kind: 'audio' };
  if (spells(b, 'ID3') || (b.length > 2 && b[0] === 0xff && ((b[1] ?? 0) & 0xe0) === 0xe0 && ((b[1] ?? 0) & 0x06) !== 0)) {
    return { contentType: 'audio/mpeg', kind: 'audio' };
  }
  if (spells(b, '%PDF-')) return { contentType: 'application/pdf', kind: 'document' };
  if (startsWith(b, [0x50, 0x4b, 0x03, 0x04])) return { contentType: 'application/zip', kind: 'archive' };
  if (startsWith(b, [0x1f, 0x8b])) return { contentType: 'application/gzip', kind: 'compressed' };
  return undefined;
}

/** Media (image, video, audio) worth handing to the biometric inspector. */
export function isMediaType(contentType: string | undefined): boolean {
  return !!contentType && /^(image|video|audio)\//i.test(contentType);
}
