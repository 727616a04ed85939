// Reads what a summary needs from run directories alone: run.json, findings.json and observations.jsonl.
// A folder of run directories (a batch's run store) stands for every run directory inside it.

import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Observation } from '../../core/observation.ts';
import type { FindingsFile } from '../../core/rule.ts';
import type { RunInfo } from '../../core/run.ts';
import { RUN_FILES } from '../../evidence/run-layout.ts';
import { FindingsInputError } from '../findings-input.ts';

export interface CollectedRun {
  dir: string;
  info: RunInfo;
  /** Undefined when the run has not been analysed (no findings.json): its row says so. */
  findings?: FindingsFile;
  observations: Observation[];
}

/** Run directories named by the inputs: each input is a run directory or a folder holding run directories. */
export function runDirsOf(inputs: string[]): string[] {
  const dirs: string[] = [];
  for (const input of inputs) {
    const dir = resolve(input);
    if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new FindingsInputError(input, 'not a folder; give run directories or a folder of them (a batch run store)');
    if (existsSync(join(dir, RUN_FILES.run))) {
      dirs.push(dir);
      continue;
    }
    const inside = readdirSync(dir, { withFileTypes: true })
      .filter((d) => d.isDirectory() && !d.name.startsWith('.') && existsSync(join(dir, d.name, RUN_FILES.run)))
      .map((d) => join(dir, d.name))
      .sort();
    if (!inside.length) throw new FindingsInputError(input, 'holds no run directory (no run.json in it or in its sub-folders)');
    dirs.push(...inside);
  }
  return [...new Set(dirs)];
}

export function collectRun(dir: string): CollectedRun {
  const info = readJson<RunInfo>(join(dir, RUN_FILES.run));
  const findingsFile = join(dir, RUN_FILES.findings);
  const findings = existsSync(findingsFile) ? readJson<FindingsFile>(findingsFile) : undefined;
  return { dir, info, findings, observations: readObservations(join(dir, RUN_FILES.observations)) };
}

function readJson<T>(file: string): T {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch (e) {
    throw new FindingsInputError(file, `cannot be read as JSON (${(e as Error).message})`);
  }
}

/** Whole-file read: observations are small next to flows, and one read per run keeps a thousand runs fast. */
function readObservations(file: string): Observation[] {
  if (!existsSync(file)) return [];
  const lines = readFileSync(file, 'utf8').split('\n');
  const out: Observation[] = [];
  lines.forEach((line, i) => {
    if (!line.trim()) return;
    try {
      out.push(JSON.parse(line) as Observation);
    } catch {
      // Only the last line may be torn (a crash while writing); any other is an error.
      if (i < lines.length - 2) throw new FindingsInputError(file, `line ${i + 1} is not valid JSON`);
    }
  });
  return out;
}
