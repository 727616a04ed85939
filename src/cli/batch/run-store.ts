// The run store of a batch: one run directory per entry, <store>/<name>/. What is finished is read from
// the directories themselves, so a batch resumes after any interruption without a state file to trust.

import { existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import type { RunInfo } from '../../core/run.ts';
import { RUN_FILES } from '../../evidence/run-layout.ts';

/** How far an entry's run directory got. */
export type RunState = 'absent' | 'partial' | 'captured' | 'finished';

/** Folder where interrupted attempts are kept: evidence is never deleted, only moved out of the way. */
export const ATTEMPTS_DIR = '.attempts';

export function runDirOf(store: string, name: string): string {
  return join(store, name);
}

export function runState(runDir: string): RunState {
  const runJson = join(runDir, RUN_FILES.run);
  if (!existsSync(runDir)) return 'absent';
  if (!existsSync(runJson)) return 'partial';
  let info: RunInfo;
  try {
    info = JSON.parse(readFileSync(runJson, 'utf8')) as RunInfo;
  } catch {
    return 'partial';
  }
  if (!info.complete) return 'partial';
  return existsSync(join(runDir, RUN_FILES.findings)) ? 'finished' : 'captured';
}

/** Moves an unfinished attempt to <store>/.attempts/<name>-<time>, so the entry starts again in a clean folder. */
export function setAside(store: string, name: string): string {
  const dir = join(store, ATTEMPTS_DIR);
  mkdirSync(dir, { recursive: true });
  const dest = join(dir, `${name}-${new Date().toISOString().replace(/[-:.]/g, '')}-${process.pid}`);
  renameSync(runDirOf(store, name), dest);
  return dest;
}
