// One still from a video upload, through ffmpeg when the machine has it; bounded in input size and time.

import { execFile } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { dieWithParent } from '../../core/child-guard.ts';

/** Larger uploads are classified by container only. */
export const MAX_VIDEO_BYTES = 64 * 1024 * 1024;
const FFMPEG_TIMEOUT_MS = 15_000;
const FRAME_SIDE = 640;

const FFMPEG_CANDIDATES = [process.env.PRIVLAB_FFMPEG, '/usr/bin/ffmpeg', '/usr/local/bin/ffmpeg'];

let ffmpegPath: string | null | undefined;

/** Path of an executable ffmpeg, or null. PRIVLAB_FFMPEG overrides the usual places. */
export function findFfmpeg(): string | null {
  if (ffmpegPath !== undefined) return ffmpegPath;
  ffmpegPath = null;
  for (const candidate of FFMPEG_CANDIDATES) {
    if (!candidate) continue;
    try {
      accessSync(candidate, constants.X_OK);
      ffmpegPath = candidate;
      break;
    } catch {
      // not here; try the next place
    }
  }
  return ffmpegPath;
}

export type FrameResult =
  | { frame: Buffer }
  /** unavailable: no ffmpeg, or too large to hand it; unreadable: ffmpeg could not decode a frame. */
  | { frame: null; why: 'unavailable' | 'unreadable' };

/**
 * The first decodable frame of a video as PNG. Written to a temporary file because MP4s often keep
 * their index at the end, which a pipe cannot seek to.
 */
export async function extractFrame(video: Buffer): Promise<FrameResult> {
  const ffmpeg = findFfmpeg();
  if (!ffmpeg || video.length > MAX_VIDEO_BYTES) return { frame: null, why: 'unavailable' };
  const dir = await mkdtemp(path.join(tmpdir(), 'privlab-frame-'));
  try {
    const input = path.join(dir, 'upload');
    await writeFile(input, video);
    const args = [
      '-nostdin', '-v', 'error', '-i', input, '-frames:v', '1',
      '-vf', `scale='min(${FRAME_SIDE},iw)':-2`, '-f', 'image2pipe', '-c:v', 'png', 'pipe:1',
    ];
    // ffmpeg dies with privlab: a SIGKILLed analysis leaves no decoder running.
    const cmd = dieWithParent(ffmpeg, args);
    return await new Promise<FrameResult>((resolve) => {
      execFile(cmd.command, cmd.args, { encoding: 'buffer', timeout: FFMPEG_TIMEOUT_MS, maxBuffer: 16 * 1024 * 1024 }, (err, stdout) => {
        resolve(err || stdout.length === 0 ? { frame: null, why: 'unreadable' } : { frame: stdout });
      });
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
