import { describe, expect, it } from 'vitest';
import { FRESH_PIXEL_WORK, inspectMedia, type ImageScan, type PixelWork } from '../../src/analysis/biometric/inspect-media.ts';
import { cachedInspect } from '../../src/analysis/media-cache.ts';
import { fixture } from './biometric/media-samples.ts';

/** Pixel work that counts its readings: scans of the real detector, or failures when `fail` is set. */
function counting(fail = false): { work: PixelWork; images: () => number } {
  let images = 0;
  return {
    images: () => images,
    work: {
      image: async (bytes): Promise<ImageScan> => {
        images++;
        return fail ? { scan: null, reason: 'detector could not load' } : FRESH_PIXEL_WORK.image(bytes);
      },
      video: (bytes) => FRESH_PIXEL_WORK.video(bytes),
    },
  };
}

describe('media cache', () => {
  it('reads the pixels of one photo once, whatever names it is uploaded under, and answers each name as a fresh inspection', async () => {
    const photo = fixture('astronaut.png');
    const { work, images } = counting();
    const inspect = cachedInspect(inspectMedia, work);
    const hints = [{ fieldName: 'file', filename: 'a.png' }, { fieldName: 'handheldPhoto', filename: 'b.png' }, { fieldName: 'idCardFront' }, { fieldName: 'file', filename: 'a.png' }];
    for (const hint of hints) {
      // A copy: the same bytes in another buffer, as each flow reads its own body.
      expect(await inspect(Buffer.from(photo), hint)).toEqual(await inspectMedia(photo, hint));
    }
    expect(images()).toBe(1);
  });

  it('shares a reading asked for twice while it runs', async () => {
    const { work, images } = counting();
    const inspect = cachedInspect(inspectMedia, work);
    const [a, b] = await Promise.all([inspect(fixture('camera.png'), { fieldName: 'selfie' }), inspect(fixture('camera.png'), { fieldName: 'file' })]);
    expect(a.map((h) => h.piType)).toEqual(['face_image']);
    expect(b.map((h) => h.piType)).toEqual(['face_image']);
    expect(images()).toBe(1);
  });

  it('does not remember a reading that failed: the next upload of the bytes reads them again', async () => {
    const { work, images } = counting(true);
    const inspect = cachedInspect(inspectMedia, work);
    const first = await inspect(fixture('camera.png'), { fieldName: 'selfie' });
    expect(first[0]!.evidence).toContain('face check not run: detector could not load');
    await inspect(fixture('camera.png'), { fieldName: 'selfie' });
    expect(images()).toBe(2);
  });

  it('tells different bytes apart', async () => {
    const { work, images } = counting();
    const inspect = cachedInspect(inspectMedia, work);
    expect(await inspect(fixture('brick.png'), { fieldName: 'file' })).toEqual([]);
    expect((await inspect(fixture('astronaut.png'), { fieldName: 'file' })).map((h) => h.piType)).toEqual(['face_image']);
    expect(images()).toBe(2);
  });
});
