// Children die with privlab, even when privlab is SIGKILLed and cannot clean up: a child is started
// through util-linux's setpriv with a parent-death signal (prctl PR_SET_PDEATHSIG), which the kernel
// delivers when privlab's process ends and which survives the exec into the real program.

import { existsSync } from 'node:fs';

const SETPRIV = '/usr/bin/setpriv';

/** The command line that runs `command args` killed with SIGKILL when this process dies (Linux; as is elsewhere). */
export function dieWithParent(command: string, args: readonly string[]): { command: string; args: string[] } {
  if (process.platform !== 'linux' || !existsSync(SETPRIV)) return { command, args: [...args] };
  return { command: SETPRIV, args: ['--pdeathsig', 'KILL', '--', command, ...args] };
}
