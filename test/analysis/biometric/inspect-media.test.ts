import fc from 'fast-check';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { inspectMedia, prepareFaceDetector, type MediaHit } from '../../../src/analysis/biometric/inspect-media.ts';
import { findFfmpeg } from '../../../src/analysis/biometric/video-frame.ts';
import { fixture, noise, pngHeaderBomb, sineWav, videoFromStill } from './media-samples.ts';

const ffmpeg = findFfmpeg();
const types = (hits: MediaHit[]): string[] => hits.map((h) => h.piType).sort();

beforeAll(async () => {
  await prepareFaceDetector();
});

describe('faces in the fixture images', () => {
  it.each(['astronaut.png', 'camera.png'])('%s holds a face', async (name) => {
    const hits = await inspectMedia(fixture(name), { fieldName: 'file' });
    expect(types(hits)).toEqual(['face_image']);
    expect(hits[0]!.confidence).toBeGreaterThan(0.6);
    expect(hits[0]!.evidence).toMatch(/human\/blazeface: 1 face, score 0\.\d\d \(mesh \d\.\d\d\), box \d+x\d+ at \(\d+,\d+\)/);
  });

  it.each(['chelsea.png', 'coffee.png', 'brick.png', 'rocket.jpg', 'hubble_deep_field.jpg'])('%s holds no face', async (name) => {
    expect(await inspectMedia(fixture(name), { fieldName: 'file' })).toEqual([]);
  });

  it('finds the face in a re-encoded, resized JPEG taken out of base64', async () => {
    const jpeg = await sharp(fixture('astronaut.png')).resize(320).jpeg({ quality: 70 }).toBuffer();
    const carried = Buffer.from(jpeg.toString('base64'), 'base64');
    const hits = await inspectMedia(carried, { contentType: 'application/json', fieldName: 'img' });
    expect(types(hits)).toEqual(['face_image']);
    expect(hits[0]!.evidence).toMatch(/^jpeg 320x320:/);
  });

  it('reads the bytes, not the Content-Type', async () => {
    const webp = await sharp(fixture('camera.png')).webp().toBuffer();
    expect(types(await inspectMedia(webp, { contentType: 'application/octet-stream' }))).toEqual(['face_image']);
    expect(await inspectMedia(Buffer.from('not an image at all'), { contentType: 'image/jpeg' })).toEqual([]);
  });
});

describe('identity-card images', () => {
  it('an image under an identity-card name is an id_card_image, face or not', async () => {
    const hits = await inspectMedia(fixture('coffee.png'), { fieldName: 'idCardFront' });
    expect(types(hits)).toEqual(['id_card_image']);
    expect(hits[0]!.evidence).toContain("name 'idCardFront'");
    expect(types(await inspectMedia(fixture('brick.png'), { filename: '身份证反面.png' }))).toEqual(['id_card_image']);
  });

  it('a handheld photo with a face is both handheld_id_photo and face_image', async () => {
    expect(types(await inspectMedia(fixture('astronaut.png'), { fieldName: 'handheldPhoto' }))).toEqual(['face_image', 'handheld_id_photo']);
  });

  it('does not guess without a name', async () => {
    expect(await inspectMedia(fixture('coffee.png'), { fieldName: 'front' })).toEqual([]);
  });
});

describe('hostile and broken input', () => {
  it('a truncated JPEG gives no hit', async () => {
    const jpeg = await sharp(fixture('astronaut.png')).jpeg().toBuffer();
    expect(await inspectMedia(jpeg.subarray(0, Math.floor(jpeg.length / 2)), {})).toEqual([]);
  });

  it('a PNG announcing 20000x20000 pixels is refused without decoding', async () => {
    const bomb = pngHeaderBomb();
    expect((await sharp(bomb, { limitInputPixels: false }).metadata()).width).toBe(20_000);
    expect(await inspectMedia(bomb, { fieldName: 'avatar' })).toEqual([]);
  });

  it('random bytes, empty input and non-buffers give no hit', async () => {
    for (const seed of [1, 2, 3, 4, 5]) expect(await inspectMedia(noise(65_536, seed), {})).toEqual([]);
    expect(await inspectMedia(Buffer.alloc(0), {})).toEqual([]);
    expect(await inspectMedia('garbage' as unknown as Buffer, {})).toEqual([]);
  });
});

describe('concurrent calls', () => {
  it('give the same answers as one at a time', async () => {
    const names = ['astronaut.png', 'chelsea.png', 'camera.png', 'rocket.jpg', 'astronaut.png', 'coffee.png'];
    const together = await Promise.all(names.map((n) => inspectMedia(fixture(n), {})));
    expect(together.map(types)).toEqual([['face_image'], [], ['face_image'], [], ['face_image'], []]);
  });
});

describe('fuzz: media magic followed by junk', () => {
  const magics = [
    [0xff, 0xd8, 0xff], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], [...Buffer.from('GIF89a')],
    [...Buffer.from('RIFF\0\0\0\0WEBP')], [...Buffer.from('RIFF\0\0\0\0WAVE')], [...Buffer.from('#!AMR\n')],
    [0, 0, 0, 0x18, ...Buffer.from('ftypheic')], [...Buffer.from('BM')],
  ];
  it('never throws and only names known PI types', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...magics), fc.uint8Array({ maxLength: 1500 }), fc.constantFrom('file', 'idCard', 'voice', 'face'), async (magic, tail, fieldName) => {
        const hits = await inspectMedia(Buffer.concat([Buffer.from(magic), tail]), { fieldName });
        for (const h of hits) expect(['face_image', 'id_card_image', 'voiceprint', 'face_video', 'handheld_id_photo']).toContain(h.piType);
      }),
      { numRuns: 60, seed: 4 },
    );
  });
});

describe('video uploads', () => {
  it('a container ffmpeg cannot read counts only when a name vouches for it', async (ctx) => {
    if (!ffmpeg) return ctx.skip('ffmpeg is not installed: cannot tell a readable video from a broken one');
    const fake = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypisom\0\0\0\0isommp41'), noise(8192, 9)]);
    expect(await inspectMedia(fake, { fieldName: 'file' })).toEqual([]);
    const [named] = await inspectMedia(fake, { fieldName: 'huoti' });
    expect(named).toMatchObject({ piType: 'face_video', confidence: 0.7 });
    expect(named!.evidence).toContain('ffmpeg could not decode a frame');
  });

  it.for(['mp4', 'webm'] as const)('a %s of a face is a face_video, confirmed from a frame', async (container, ctx) => {
    if (!ffmpeg) return ctx.skip('ffmpeg is not installed: cannot make the test video');
    const hits = await inspectMedia(videoFromStill(ffmpeg, 'astronaut.png', container), { fieldName: 'file' });
    expect(types(hits)).toEqual(['face_video']);
    expect(hits[0]!.confidence).toBeGreaterThanOrEqual(0.9);
    expect(hits[0]!.evidence).toContain(`${container} video`);
    expect(hits[0]!.evidence).toContain('first frame: human/blazeface: 1 face');
  });

  it('a video without a face or a name stays low', async (ctx) => {
    if (!ffmpeg) return ctx.skip('ffmpeg is not installed: cannot make the test video');
    const video = videoFromStill(ffmpeg, 'brick.png', 'mp4');
    const [unnamed] = await inspectMedia(video, { fieldName: 'file' });
    expect(unnamed!.confidence).toBeLessThan(0.5);
    const [named] = await inspectMedia(video, { fieldName: 'livenessVideo' });
    expect(named!.confidence).toBeGreaterThan(unnamed!.confidence);
    expect(named!.evidence).toContain("name 'livenessVideo'");
  });
});

describe('audio uploads', () => {
  it('a WAV under the field name "voice" is a voiceprint', async () => {
    const hits = await inspectMedia(sineWav(), { fieldName: 'voice', contentType: 'audio/wav' });
    expect(types(hits)).toEqual(['voiceprint']);
    expect(hits[0]!.confidence).toBeGreaterThanOrEqual(0.8);
  });

  it('a WAV with no voice name stays at low confidence', async () => {
    const [hit] = await inspectMedia(sineWav(), { fieldName: 'file' });
    expect(hit!.confidence).toBeLessThan(0.5);
    expect(hit!.evidence).toMatch(/^audio: wav audio/);
  });
});
