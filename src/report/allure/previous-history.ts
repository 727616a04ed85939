// Allure's Trend needs the history of the report before this one. For a run directory that is the
// report of the latest earlier run of the same target in the same out-root.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { RunInfo } from '../../core/run.ts';
import { RUN_FILES } from '../../evidence/run-layout.ts';

/** The history folder of `dir`: itself, or the history/ inside it (an allure-report folder). */
export function historyFolder(dir: string): string | undefined {
  const d = resolve(dir);
  if (existsSync(join(d, 'history-trend.json'))) return d;
  if (existsSync(join(d, 'history', 'history-trend.json'))) return join(d, 'history');
  return undefined;
}

/** allure-report/history of the latest run of the same target that started before this one, if any. */
export function previousRunHistory(runDir: string): string | undefined {
  const here = resolve(runDir);
  const run = readRun(here);
  if (!run) return undefined;
  const root = dirname(here);
  let best: { startedAt: string; history: string } | undefined;
  for (const name of readdirSync(root)) {
    const dir = join(root, name);
    if (name === basename(here)) continue;
    const other = readRun(dir);
    if (!other || other.target.name !== run.target.name || other.startedAt >= run.startedAt) continue;
    const history = historyFolder(join(dir, RUN_FILES.allureReport));
    if (history && (!best || other.startedAt > best.startedAt)) best = { startedAt: other.startedAt, history };
  }
  return best?.history;
}

function readRun(dir: string): Pick<RunInfo, 'target' | 'startedAt'> | undefined {
  try {
    const r = JSON.parse(readFileSync(join(dir, RUN_FILES.run), 'utf8')) as RunInfo;
    return typeof r?.target?.name === 'string' && typeof r.startedAt === 'string' ? r : undefined;
  } catch {
    // Not a run directory (or an unreadable one): it has no history to give.
    return undefined;
  }
}
