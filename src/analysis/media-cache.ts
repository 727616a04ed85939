// Identical media read once per run: the same photo uploaded by every variant, every retry or under another
// file or field name has its pixels read (face detection, a video's first frame) once. Keyed by the bytes'
// SHA-256 alone, which is all the pixel work depends on; what the names around the bytes say (an ID card, a
// selfie) is cheap and is read again for each upload by the inspection itself (inspect-media.ts).

import { createHash } from 'node:crypto';
import type { InspectMedia } from './analyze-flow.ts';
import { FRESH_PIXEL_WORK, type ImageScan, type MediaHint, type MediaHit, type PixelWork, type VideoScan } from './biometric/inspect-media.ts';

/** Results kept per kind (each a few numbers and short strings); the oldest goes first beyond this. */
const MAX_ENTRIES = 4096;

/** An inspector that takes how pixels are read (inspectMedia). */
export type InspectWithWork = (bytes: Buffer, hint: MediaHint, work: PixelWork) => Promise<MediaHit[]>;

/** `fresh`: how pixels are read when the run has not read these bytes yet. */
export function cachedInspect(inspect: InspectWithWork, fresh: PixelWork = FRESH_PIXEL_WORK): InspectMedia {
  const images = memo<ImageScan>();
  const videos = memo<VideoScan>();
  const work: PixelWork = {
    image: (bytes) => images(bytes, () => fresh.image(bytes)),
    video: (bytes) => videos(bytes, () => fresh.video(bytes)),
  };
  return (bytes, hint) => inspect(bytes, hint, work);
}

/**
 * One reading per digest, shared by callers that ask while it runs. A reading that failed (no scan: the
 * detector could not load, ffmpeg timed out) is not remembered: the next upload tries again, as it would alone.
 */
function memo<T extends ImageScan>(): (bytes: Buffer, read: () => Promise<T>) => Promise<T> {
  const results = new Map<string, Promise<T>>();
  return (bytes, read) => {
    const key = createHash('sha256').update(bytes).digest('hex');
    let r = results.get(key);
    if (!r) {
      if (results.size >= MAX_ENTRIES) results.delete(results.keys().next().value!);
      results.set(key, (r = read()));
      r.then(
        (v) => {
          if (v.scan === null && results.get(key) === r) results.delete(key);
        },
        () => results.delete(key),
      );
    }
    return r;
  };
}
