// Finds the live capture `privlab mark` talks to when --run is not given: the most recently started
// run under the runs folder whose run.json says source 'live' and not yet complete.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunInfo } from '../core/run.ts';
import { RUN_FILES } from '../evidence/run-layout.ts';

export function findActiveLiveRun(runsRoot: string): string | undefined {
  if (!existsSync(runsRoot)) return undefined;
  let best: { dir: string; startedAt: string } | undefined;
  for (const entry of readdirSync(runsRoot, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const dir = join(runsRoot, entry.name);
    const info = readInfo(join(dir, RUN_FILES.run));
    if (!info || info.source !== 'live' || info.complete || info.endedAt) continue;
    if (!best || info.startedAt > best.startedAt) best = { dir, startedAt: info.startedAt };
  }
  return best?.dir;
}

function readInfo(file: string): RunInfo | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as RunInfo;
  } catch {
    return undefined;
  }
}
