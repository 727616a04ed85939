// Chromium's fake camera plays a .y4m file; make one from the persona's face photo, once, with ffmpeg.

import { execFile } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { privlabHome } from '../core/config-dir.ts';

const run = promisify(execFile);

/** Returns the path of a 640x480 y4m showing `image` for 2 s, cached by the image's hash. */
export async function fakeCameraVideo(image: string, cacheDir = join(privlabHome(), 'cache')): Promise<string> {
  if (!existsSync(image)) throw new Error(`${image}: persona face image not found`);
  const hash = createHash('sha256').update(readFileSync(image)).digest('hex').slice(0, 16);
  mkdirSync(cacheDir, { recursive: true });
  const out = join(cacheDir, `face-${hash}.y4m`);
  if (existsSync(out)) return out;
  // Two runs at once (demo --jobs) may both make it: each writes its own file, the rename is atomic.
  const tmp = `${out}.${process.pid}-${randomUUID()}.tmp.y4m`;
  try {
    await run('ffmpeg', [
      '-hide_banner', '-loglevel', 'error', '-y', '-loop', '1', '-i', image, '-t', '2', '-r', '15',
      '-vf', 'scale=640:480:force_original_aspect_ratio=decrease,pad=640:480:(ow-iw)/2:(oh-ih)/2',
      '-pix_fmt', 'yuv420p', tmp,
    ]);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'ENOENT') throw new Error('ffmpeg not found: install it with `apt-get install ffmpeg` (or run `npm run setup`); it makes the fake camera video');
    throw new Error(`ffmpeg could not make the fake camera video from ${image}: ${err.message}`);
  }
  renameSync(tmp, out);
  return out;
}
