// Biometric and identity-document media in one binary leaf of a request: faces in images, face videos,
// voiceprints and identity-card photos. Never throws; bounded in bytes, pixels and time.

import type { CodePiSlug } from '../../core/pi-slugs.ts';
import { scanFaces, type FaceScan } from './face-detector.ts';
import { loadHuman } from './human-loader.ts';
import { hintOf, readHints, type HintMatch, type MediaHint } from './hints.ts';
import { sniffMedia, type SniffedMedia } from './sniff.ts';
import { extractFrame } from './video-frame.ts';

export type { MediaHint } from './hints.ts';

export interface MediaHit {
  /** face_image | face_video | voiceprint | id_card_image | handheld_id_photo */
  piType: CodePiSlug;
  confidence: number;
  detector: string;
  evidence: string;
}

/** Images beyond this are not decoded (pixel bombs are also stopped by the decoder's own pixel limit). */
export const MAX_IMAGE_BYTES = 32 * 1024 * 1024;
/** A video smaller than this is a stub or a thumbnail, not a recording, unless a name says otherwise. */
export const MIN_VIDEO_BYTES = 2048;

/** Confidence by strength of evidence, in one place so reviewers can weigh them against each other. */
const CONFIDENCE = {
  faceSeen: (scan: FaceScan) => round((scan.faces[0]!.boxScore + scan.faces[0]!.meshScore) / 2),
  videoFaceSeen: 0.9,
  videoFaceSeenAndNamed: 0.95,
  named: 0.85,
  videoNamed: 0.7,
  /** A name says face, the detector found none. */
  namedNoFace: 0.4,
  videoUnnamedUnchecked: 0.4,
  videoUnnamedNoFace: 0.3,
  audioNamed: 0.8,
  audioUnnamed: 0.2,
} as const;

const DETECTOR = {
  face: 'biometric:human-blazeface',
  video: 'biometric:video-frame',
  container: 'biometric:container',
  hint: 'biometric:name-hint',
} as const;

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

const describeHint = (h: HintMatch): string => `name '${h.source}'`;

function describeFaces(scan: FaceScan): string {
  const f = scan.faces[0]!;
  const n = scan.faces.length;
  return `human/blazeface: ${n} face${n === 1 ? '' : 's'}, score ${f.boxScore.toFixed(2)} (mesh ${f.meshScore.toFixed(2)}), box ${f.width}x${f.height} at (${f.x},${f.y})`;
}

function describeMiss(scan: FaceScan | null, reason: string): string {
  if (!scan) return `face check not run: ${reason}`;
  const b = scan.best;
  return b ? `no face (best candidate score ${b.boxScore.toFixed(2)}, mesh ${b.meshScore.toFixed(2)})` : 'no face candidate';
}

/** Faces read from an image: null with the reason when the image could not be decoded or the detector not run. */
export interface ImageScan {
  scan: FaceScan | null;
  reason: string;
}

/** Faces read from a video's first frame, and whether ffmpeg gave one. */
export interface VideoScan extends ImageScan {
  frame: 'read' | 'unavailable' | 'unreadable';
}

/**
 * The costly part of an inspection, the reading of pixels: it depends on the bytes alone, not on the names around
 * them, so a run can reuse it for the same photo uploaded under another file or field name (media-cache.ts).
 * Each is called with the very bytes the inspection was given.
 */
export interface PixelWork {
  image(bytes: Buffer): Promise<ImageScan>;
  video(bytes: Buffer): Promise<VideoScan>;
}

async function tryScan(bytes: Buffer): Promise<ImageScan> {
  try {
    return { scan: await scanFaces(bytes), reason: '' };
  } catch (err) {
    return { scan: null, reason: err instanceof Error ? err.message.split('\n')[0]! : String(err) };
  }
}

async function scanFirstFrame(bytes: Buffer): Promise<VideoScan> {
  const extracted = await extractFrame(bytes);
  if (!extracted.frame) {
    return { frame: extracted.why, scan: null, reason: extracted.why === 'unreadable' ? 'ffmpeg could not decode a frame' : 'ffmpeg missing or video too large' };
  }
  return { frame: 'read', ...(await tryScan(extracted.frame)) };
}

/** Pixels read afresh on every call. */
export const FRESH_PIXEL_WORK: PixelWork = { image: tryScan, video: scanFirstFrame };

async function inspectImage(bytes: Buffer, media: SniffedMedia, hints: HintMatch[], work: PixelWork): Promise<MediaHit[]> {
  const { scan, reason } = bytes.length <= MAX_IMAGE_BYTES ? await work.image(bytes) : { scan: null, reason: 'image too large' };
  const idCard = hintOf(hints, 'idCard');
  const handheld = hintOf(hints, 'handheld');
  const faceName = hintOf(hints, 'face') ?? hintOf(hints, 'liveness');
  // Undecodable and unnamed: garbage that happens to start like an image.
  if (!scan && !idCard && !handheld && !faceName) return [];

  const hits: MediaHit[] = [];
  const size = scan ? ` ${scan.width}x${scan.height}` : '';
  const faceNote = scan?.faces.length ? describeFaces(scan) : describeMiss(scan, reason);
  if (scan?.faces.length) {
    hits.push({ piType: 'face_image', confidence: CONFIDENCE.faceSeen(scan), detector: DETECTOR.face, evidence: `${media.format}${size}: ${faceNote}` });
  } else if (faceName) {
    hits.push({
      piType: 'face_image', confidence: CONFIDENCE.namedNoFace, detector: DETECTOR.hint,
      evidence: `${media.format}${size} under ${describeHint(faceName)}; ${faceNote}`,
    });
  }
  if (idCard) {
    hits.push({
      piType: 'id_card_image', confidence: CONFIDENCE.named, detector: DETECTOR.hint,
      evidence: `${media.format}${size} under ${describeHint(idCard)} (identity card); ${faceNote}`,
    });
  }
  if (handheld) {
    hits.push({
      piType: 'handheld_id_photo', confidence: CONFIDENCE.named, detector: DETECTOR.hint,
      evidence: `${media.format}${size} under ${describeHint(handheld)} (holding an identity card); ${faceNote}`,
    });
  }
  return hits;
}

async function inspectVideo(bytes: Buffer, media: SniffedMedia, hints: HintMatch[], work: PixelWork): Promise<MediaHit[]> {
  const named = hintOf(hints, 'liveness') ?? hintOf(hints, 'face');
  if (bytes.length < MIN_VIDEO_BYTES && !named) return [];
  const { frame, scan, reason } = await work.video(bytes);
  // ffmpeg could not read it and nothing names it: a broken or fake container, not evidence.
  if (frame === 'unreadable' && !named) return [];
  const what = `${media.format} video, ${bytes.length} bytes`;
  if (scan?.faces.length) {
    return [{
      piType: 'face_video',
      confidence: named ? CONFIDENCE.videoFaceSeenAndNamed : CONFIDENCE.videoFaceSeen,
      detector: DETECTOR.video,
      evidence: `${what}${named ? ` under ${describeHint(named)}` : ''}; first frame: ${describeFaces(scan)}`,
    }];
  }
  const miss = `first frame: ${describeMiss(scan, reason)}`;
  if (named) {
    return [{ piType: 'face_video', confidence: CONFIDENCE.videoNamed, detector: DETECTOR.hint, evidence: `${what} under ${describeHint(named)}; ${miss}` }];
  }
  const confidence = scan ? CONFIDENCE.videoUnnamedNoFace : CONFIDENCE.videoUnnamedUnchecked;
  return [{ piType: 'face_video', confidence, detector: DETECTOR.container, evidence: `${what}, no name hint; ${miss}` }];
}

function inspectAudio(bytes: Buffer, media: SniffedMedia, hints: HintMatch[]): MediaHit[] {
  const named = hintOf(hints, 'voice') ?? hintOf(hints, 'liveness');
  const what = `${media.format} audio, ${bytes.length} bytes`;
  if (named) {
    return [{ piType: 'voiceprint', confidence: CONFIDENCE.audioNamed, detector: DETECTOR.hint, evidence: `${what} under ${describeHint(named)}` }];
  }
  // A recording is not a voiceprint by itself: say what was seen, at low confidence.
  return [{ piType: 'voiceprint', confidence: CONFIDENCE.audioUnnamed, detector: DETECTOR.container, evidence: `audio: ${what}, no voice or liveness hint` }];
}

async function inspect(bytes: Buffer, hint: MediaHint, work: PixelWork): Promise<MediaHit[]> {
  const media = sniffMedia(bytes);
  if (!media) return [];
  const hints = readHints(hint);
  // Audio-only WebM/MP4 (MediaRecorder voice clips) look like video: a voice name, and no video name, decides.
  const voiceOnly = hintOf(hints, 'voice') && !hintOf(hints, 'liveness') && !hintOf(hints, 'face');
  if (media.kind === 'image') return inspectImage(bytes, media, hints, work);
  if (media.kind === 'video' && !voiceOnly) return inspectVideo(bytes, media, hints, work);
  return inspectAudio(bytes, media, hints);
}

/**
 * Biometric and identity-card hits in one binary (multipart file, base64 image, raw body).
 * The bytes decide the media type; names (field, file, URL path) decide what kind of document it is.
 * Returns [] for anything it cannot read; never throws. `work`: how pixels are read (a run's cache, media-cache.ts).
 */
export async function inspectMedia(bytes: Buffer, hint: MediaHint = {}, work: PixelWork = FRESH_PIXEL_WORK): Promise<MediaHit[]> {
  try {
    if (!Buffer.isBuffer(bytes)) return [];
    return await inspect(bytes, hint ?? {}, work);
  } catch {
    return [];
  }
}

/** Load the face detector now (inspectMedia does it lazily); rejects with the reason if it cannot. */
export async function prepareFaceDetector(): Promise<{ loadMs: number }> {
  const { loadMs } = await loadHuman();
  return { loadMs };
}
