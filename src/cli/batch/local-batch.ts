// Runs a batch plan on this machine: entries already finished in the store are skipped, the rest run
// at most `parallel` at a time, each in its own process; a failed entry is recorded and the others go on.
// <store>/batch.json says what happened to each entry in the last invocation.

import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pLimit from 'p-limit';
import { EXIT } from '../../core/exit-codes.ts';
import type { BatchEntry, BatchPlan } from './plan.ts';
import { BatchProgress } from './progress.ts';
import { runDirOf, runState } from './run-store.ts';
import { runItem } from './run-item.ts';

export type EntryStatus = 'skipped' | 'done' | 'failed';

export interface EntryResult {
  name: string;
  kind: BatchEntry['kind'];
  runDir: string;
  status: EntryStatus;
  ms?: number;
  log?: string;
  reason?: string;
}

export interface BatchResult {
  store: string;
  parallel: number;
  ms: number;
  entries: EntryResult[];
}

export const BATCH_FILE = 'batch.json';

export async function runLocalBatch(plan: BatchPlan, parallel: number, say: (l: string) => void): Promise<BatchResult> {
  mkdirSync(plan.out, { recursive: true });
  const started = Date.now();
  const progress = new BatchProgress(plan.entries.length, parallel);
  const results = new Map<string, EntryResult>();
  const record = (r: EntryResult): void => {
    results.set(r.name, r);
    writeBatchFile(plan, parallel, started, [...results.values()]);
  };
  // Ctrl-C reaches the runs too (one process group): each leaves its run directory marked incomplete.
  const onInterrupt = (): void => {
    say(`${progress.line()} · interrupted: run the same command again to resume (finished runs are kept, unfinished ones redone)`);
    process.exit(EXIT.interrupted);
  };
  process.once('SIGINT', onInterrupt);
  const limit = pLimit(parallel);
  const todo = plan.entries.filter((entry) => {
    const runDir = runDirOf(plan.out, entry.name);
    if (runState(runDir) !== 'finished') return true;
    progress.skip();
    record({ name: entry.name, kind: entry.kind, runDir, status: 'skipped' });
    return false;
  });
  await Promise.all(
    todo.map((entry) => {
      const runDir = runDirOf(plan.out, entry.name);
      return limit(async () => {
        progress.start();
        say(`${progress.line()} · started ${entry.name}`);
        const o = await runItem({ entry, store: plan.out, settings: plan.settings });
        progress.finish(o.ok, o.ms);
        record({ name: entry.name, kind: entry.kind, runDir, status: o.ok ? 'done' : 'failed', ms: o.ms, log: o.log, ...(o.reason ? { reason: o.reason } : {}) });
        say(`${progress.line()} · ${entry.name} ${o.ok ? 'done' : `FAILED (${o.reason}; log: ${o.log})`}`);
      });
    }),
  );
  process.off('SIGINT', onInterrupt);
  say(progress.line());
  const entries = plan.entries.map((e) => results.get(e.name)!);
  return { store: plan.out, parallel, ms: Date.now() - started, entries };
}

function writeBatchFile(plan: BatchPlan, parallel: number, started: number, entries: EntryResult[]): void {
  const file = join(plan.out, BATCH_FILE);
  const body = { plan: plan.source, parallel, startedAt: new Date(started).toISOString(), updatedAt: new Date().toISOString(), entries };
  // Written whole and renamed, so an interruption never leaves half a file.
  writeFileSync(`${file}.tmp`, JSON.stringify(body, null, 2));
  renameSync(`${file}.tmp`, file);
}
