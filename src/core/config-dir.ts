// Where privlab keeps per-user state (the interception CA): $PRIVLAB_HOME, else the XDG config dir.

import { chmodSync, mkdirSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** The user's privlab directory, created owner-only (0700) if missing. */
export function privlabHome(env: NodeJS.ProcessEnv = process.env): string {
  const dir = env.PRIVLAB_HOME || join(env.XDG_CONFIG_HOME || join(env.HOME || homedir(), '.config'), 'privlab');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  // mkdir's mode is filtered by the umask and ignored for an existing dir: the CA key lives here.
  if ((statSync(dir).mode & 0o077) !== 0) chmodSync(dir, 0o700);
  return dir;
}
