// How many runs this machine takes at once: one per core, as long as the free memory holds them.

import { availableParallelism, freemem } from 'node:os';

/**
 * Memory one run needs: the privlab process peaked at 372 MB RSS on a sample app (xianqu, accept-all,
 * /usr/bin/time -v) and the machine's used memory rose by under 1 GB with its Chromium; 1 GiB is that bound.
 */
export const RUN_MEMORY_BYTES = 1024 ** 3;

export function defaultParallel(cores = availableParallelism(), free = freemem()): number {
  return Math.max(1, Math.min(cores, Math.floor(free / RUN_MEMORY_BYTES)));
}
