// Whether dist/ holds a build of the current sources. scripts/build.mjs writes dist/.built after a
// successful compile; a source file or folder changed after that makes the build stale.

import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const STAMP = 'dist/.built';
const SOURCES = ['src', 'drivers', 'tsconfig.json', 'tsconfig.build.json'];

/** The newest modification time (ms) of a file or of any file or folder under it. */
function newest(path) {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let max = st.mtimeMs; // a folder's mtime changes when a file in it is added, removed or renamed
  for (const name of readdirSync(path)) max = Math.max(max, newest(join(path, name)));
  return max;
}

/** True when `root` is a source checkout (it has src/) whose dist/ is missing or older than its sources. */
export function isSourceCheckout(root) {
  return existsSync(join(root, 'src', 'cli', 'main.ts'));
}

export function distIsCurrent(root) {
  const stamp = join(root, STAMP);
  if (!existsSync(stamp)) return false;
  if (!isSourceCheckout(root)) return true;
  const built = statSync(stamp).mtimeMs;
  return SOURCES.every((s) => !existsSync(join(root, s)) || newest(join(root, s)) <= built);
}
