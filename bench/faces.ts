// Face detection on the fixture images: scores, decision, time per image, model load time, and
// precision/recall of inspectMedia's media hits. Run: npx tsx bench/faces.ts
//
// bench/accuracy.ts can import faceAccuracyCases() and tallyMediaHits() to put faces, face videos,
// voiceprints and identity-card images in its per-type table.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import sharp from 'sharp';
import { MIN_BOX_SCORE, MIN_MESH_SCORE, scanFaces } from '../src/analysis/biometric/face-detector.ts';
import { inspectMedia, prepareFaceDetector, type MediaHint } from '../src/analysis/biometric/inspect-media.ts';
import { sineWav } from '../test/analysis/biometric/media-samples.ts';

const IMAGES_DIR = fileURLToPath(new URL('../test/fixtures/images/', import.meta.url));
const image = (name: string): Buffer => readFileSync(path.join(IMAGES_DIR, name));

/** Fixture images and whether each holds a human face (see test/fixtures/images/LICENSE.md). */
export const FACE_FIXTURES: ReadonlyArray<{ file: string; face: boolean }> = [
  { file: 'astronaut.png', face: true },
  { file: 'camera.png', face: true },
  { file: 'chelsea.png', face: false },
  { file: 'coffee.png', face: false },
  { file: 'brick.png', face: false },
  { file: 'rocket.jpg', face: false },
  { file: 'hubble_deep_field.jpg', face: false },
];

export interface MediaCase {
  name: string;
  bytes: Buffer;
  hint: MediaHint;
  /** PI types inspectMedia must report at or above the tally's confidence, and no others. */
  expected: string[];
}

const jpeg320 = (b: Buffer): Promise<Buffer> => sharp(b).resize(320).jpeg({ quality: 70 }).toBuffer();

/** Labelled media: the fixtures as uploaded, re-encoded variants, and named uploads (identity card, handheld, voice). */
export async function faceAccuracyCases(): Promise<MediaCase[]> {
  const cases: MediaCase[] = [];
  for (const { file, face } of FACE_FIXTURES) {
    const expected = face ? ['face_image'] : [];
    cases.push({ name: file, bytes: image(file), hint: { fieldName: 'file', filename: file }, expected });
    cases.push({ name: `${file} as 320px JPEG`, bytes: await jpeg320(image(file)), hint: { fieldName: 'img' }, expected });
    cases.push({ name: `${file} as WebP`, bytes: await sharp(image(file)).webp().toBuffer(), hint: {}, expected });
  }
  cases.push(
    { name: 'coffee.png under idCardFront', bytes: image('coffee.png'), hint: { fieldName: 'idCardFront' }, expected: ['id_card_image'] },
    { name: 'astronaut.png under handheldIdPhoto', bytes: image('astronaut.png'), hint: { fieldName: 'handheldIdPhoto' }, expected: ['face_image', 'handheld_id_photo'] },
    { name: 'WAV under voice', bytes: sineWav(), hint: { fieldName: 'voice' }, expected: ['voiceprint'] },
    { name: 'WAV under file', bytes: sineWav(), hint: { fieldName: 'file' }, expected: [] },
  );
  return cases;
}

export interface TypeTally {
  tp: number;
  fp: number;
  fn: number;
}

/** Run inspectMedia on each case and count, per PI type, hits at or above minConfidence against the labels. */
export async function tallyMediaHits(cases: MediaCase[], minConfidence = 0.5): Promise<Map<string, TypeTally>> {
  const tally = new Map<string, TypeTally>();
  const entry = (t: string): TypeTally => tally.get(t) ?? (tally.set(t, { tp: 0, fp: 0, fn: 0 }).get(t) as TypeTally);
  for (const c of cases) {
    const found = new Set<string>((await inspectMedia(c.bytes, c.hint)).filter((h) => h.confidence >= minConfidence).map((h) => h.piType));
    for (const t of found) c.expected.includes(t) ? entry(t).tp++ : entry(t).fp++;
    for (const t of c.expected) if (!found.has(t)) entry(t).fn++;
  }
  return tally;
}

const ms = (n: number): string => n.toFixed(1).padStart(7);
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main(): Promise<void> {
  const { loadMs } = await prepareFaceDetector();
  console.log(`model load (Human on the wasm backend, blazeface + face mesh): ${loadMs.toFixed(0)} ms`);
  console.log(`thresholds: blazeface box score >= ${MIN_BOX_SCORE}, face-mesh score >= ${MIN_MESH_SCORE}`);
  await scanFaces(image('astronaut.png')); // warm-up: first inference compiles the kernels

  const runs = 5;
  console.log(`\nper image (median of ${runs} runs after warm-up):`);
  console.log('image                   size       box  mesh  face  expected  decode ms  detect ms');
  let tp = 0, fp = 0, fn = 0;
  for (const { file, face } of FACE_FIXTURES) {
    const bytes = image(file);
    const scans = [];
    for (let i = 0; i < runs; i++) scans.push(await scanFaces(bytes));
    const s = scans[0]!;
    const detected = s.faces.length > 0;
    if (detected && face) tp++;
    else if (detected) fp++;
    else if (face) fn++;
    const box = s.best ? s.best.boxScore.toFixed(2) : ' -  ';
    const mesh = s.best ? s.best.meshScore.toFixed(2) : ' -  ';
    console.log(
      `${file.padEnd(22)}  ${`${s.width}x${s.height}`.padEnd(9)}  ${box}  ${mesh}  ${detected ? 'yes ' : 'no  '}  ${face ? 'yes' : 'no '}    ${ms(median(scans.map((x) => x.decodeMs)))}    ${ms(median(scans.map((x) => x.detectMs)))}`,
    );
  }
  console.log(`faces on fixtures: precision ${(tp / Math.max(1, tp + fp)).toFixed(2)}, recall ${(tp / Math.max(1, tp + fn)).toFixed(2)} (tp ${tp}, fp ${fp}, fn ${fn})`);

  const cases = await faceAccuracyCases();
  const started = performance.now();
  const tally = await tallyMediaHits(cases);
  console.log(`\ninspectMedia on ${cases.length} labelled cases (confidence >= 0.5), ${((performance.now() - started) / cases.length).toFixed(0)} ms per case:`);
  console.log('pi type              tp  fp  fn  precision  recall');
  for (const [type, t] of [...tally].sort(([a], [b]) => a.localeCompare(b))) {
    const p = t.tp / Math.max(1, t.tp + t.fp), r = t.tp / Math.max(1, t.tp + t.fn);
    console.log(`${type.padEnd(19)} ${String(t.tp).padStart(3)} ${String(t.fp).padStart(3)} ${String(t.fn).padStart(3)}  ${p.toFixed(2).padStart(9)}  ${r.toFixed(2).padStart(6)}`);
  }
  console.log(`\npeak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exitCode = 1;
  });
}
