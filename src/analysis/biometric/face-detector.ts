// Faces in one still image: bounded decode with sharp, detection with Human (blazeface, checked by the face mesh).

import sharp from 'sharp';
import { loadHuman, type HumanFace } from './human-loader.ts';

/** Refuse to decode anything larger (a 20000x20000 header would otherwise ask for 1.2 GB of pixels). */
export const MAX_INPUT_PIXELS = 40_000_000;
/** Long side fed to the detector: blazeface works at 256 px, the mesh crop gains from a little more. */
export const DETECTOR_SIDE = 640;

/*
 * Thresholds, measured 2026-11-23 on test/fixtures/images (Human 3.3.6, WASM backend, input fit in 640 px);
 * best candidate per image as blazeface box score / face-mesh score:
 *   astronaut 0.87 / 1.00   camera 0.74 / 0.99          (faces)
 *   chelsea (cat) 0.83 / 0.01   rocket 0.34 / 0.81   hubble 0.43 / 0.01   coffee 0.29 / 0.00   brick 0.07 / 0.00
 * The box score alone cannot part the cat from the profile face, the mesh score alone cannot part the
 * rocket; both together leave wide gaps. Box >= 0.5 sits between 0.43 and 0.74; mesh >= 0.5 between 0.01 and 0.99.
 * (LIBRARIES.md also saw two false boxes on a fractal at 0.3 and none at 0.5.)
 */
export const MIN_BOX_SCORE = 0.5;
export const MIN_MESH_SCORE = 0.5;

export interface FaceBox {
  boxScore: number;
  meshScore: number;
  /** In the pixels of the original (EXIF-oriented) image. */
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface FaceScan {
  /** Faces that pass both thresholds, best first. */
  faces: FaceBox[];
  /** The best candidate whether or not it passed, for measurements. */
  best: FaceBox | null;
  width: number;
  height: number;
  decodeMs: number;
  detectMs: number;
}

interface DecodedImage {
  pixels: Uint8Array;
  width: number;
  height: number;
  /** Original pixels per detector pixel. */
  scale: number;
}

async function decodeForDetector(bytes: Buffer): Promise<DecodedImage> {
  const options = { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'warning' as const };
  const meta = await sharp(bytes, options).metadata();
  const swapped = (meta.orientation ?? 1) >= 5;
  const originalWidth = (swapped ? meta.height : meta.width) ?? 0;
  const { data, info } = await sharp(bytes, options)
    .rotate()
    .resize({ width: DETECTOR_SIDE, height: DETECTOR_SIDE, fit: 'inside', withoutEnlargement: true })
    .toColourspace('srgb')
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  if (info.channels !== 3) throw new Error(`decoded to ${info.channels} channels, expected 3`);
  return {
    pixels: new Uint8Array(data.buffer, data.byteOffset, data.length),
    width: info.width,
    height: info.height,
    scale: originalWidth > 0 ? originalWidth / info.width : 1,
  };
}

function toFaceBox(face: HumanFace, scale: number): FaceBox {
  const [x, y, w, h] = face.box;
  return {
    boxScore: face.boxScore,
    meshScore: face.faceScore,
    x: Math.round(x * scale),
    y: Math.round(y * scale),
    width: Math.round(w * scale),
    height: Math.round(h * scale),
  };
}

export const passes = (f: FaceBox): boolean => f.boxScore >= MIN_BOX_SCORE && f.meshScore >= MIN_MESH_SCORE;

// Human keeps per-call state: run one detection at a time.
let queue: Promise<unknown> = Promise.resolve();

/** Decode an image and look for faces. Rejects on undecodable input or when the detector cannot load. */
export async function scanFaces(bytes: Buffer): Promise<FaceScan> {
  const { human } = await loadHuman();
  const decodeStart = performance.now();
  const image = await decodeForDetector(bytes);
  const decodeMs = performance.now() - decodeStart;
  const run = queue.then(async () => {
    const detectStart = performance.now();
    const tensor = human.tf.tensor3d(image.pixels, [image.height, image.width, 3], 'int32');
    try {
      const result = await human.detect(tensor);
      if (result.error) throw new Error(`face detector: ${result.error}`);
      return { candidates: result.face, detectMs: performance.now() - detectStart };
    } finally {
      tensor.dispose();
    }
  });
  queue = run.catch(() => undefined);
  const { candidates, detectMs } = await run;
  const boxes = candidates.map((f) => toFaceBox(f, image.scale)).sort((a, b) => b.meshScore + b.boxScore - (a.meshScore + a.boxScore));
  return {
    faces: boxes.filter(passes),
    best: boxes[0] ?? null,
    width: Math.round(image.width * image.scale),
    height: Math.round(image.height * image.scale),
    decodeMs,
    detectMs,
  };
}
