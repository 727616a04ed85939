// What `privlab batch` does once its options are parsed: loaded only when the command runs, so the
// plan schema, the CI writers and the queue stay out of privlab's start-up.

import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { EXIT } from '../../core/exit-codes.ts';
import type { Severity } from '../../core/finding.ts';
import type { FindingsFile } from '../../core/rule.ts';
import { writeJunit } from '../../report/ci/junit.ts';
import { writeSarif } from '../../report/ci/sarif.ts';
import { gatingFindings } from '../../report/exit-code.ts';
import { readFindingsFile } from '../../report/findings-input.ts';
import { UserError } from '../errors.ts';
import { parseVariants, progressToStderr, runExitCode } from '../options.ts';
import { defaultParallel } from './capacity.ts';
import { runLocalBatch, type EntryResult } from './local-batch.ts';
import { loadPlan, type BatchPlan } from './plan.ts';
import { formatDuration } from './progress.ts';
import { runDirOf } from './run-store.ts';

export interface BatchFlags {
  out?: string;
  parallel?: string;
  variants?: string;
  category?: string;
  firstParty?: string;
  pdf: boolean;
  failOn?: Severity;
  queue?: string;
  wait: boolean;
  attempts: string;
}

export async function runBatch(input: string, f: BatchFlags, cmd: Command): Promise<void> {
  const plan = withFlags(loadPlan(input, {
    category: f.category,
    firstParty: f.firstParty?.split(',').map((d) => d.trim()).filter(Boolean),
    variants: f.variants ? parseVariants(f.variants) : undefined,
  }), f, cmd);
  const say = progressToStderr;
  let entries: EntryResult[];
  const started = Date.now();
  if (f.queue) {
    const { connectRedis, enqueue, follow } = await import('./queue.ts');
    const redis = connectRedis(f.queue);
    try {
      const q = await enqueue(redis, plan, positiveInt('--attempts', f.attempts));
      console.log(`queued ${q.queued.length} run(s) on ${f.queue} for the run store ${plan.out}; ${q.skipped.length} already finished`);
      if (!f.wait) return;
      const followed = await follow(redis, plan, q.queued, say);
      entries = plan.entries.map((e) => followed.find((r) => r.name === e.name) ?? { name: e.name, kind: e.kind, runDir: runDirOf(plan.out, e.name), status: 'skipped' });
    } finally {
      redis.disconnect();
    }
  } else {
    const parallel = f.parallel ? positiveInt('--parallel', f.parallel) : plan.parallel ?? defaultParallel();
    say(`batch: ${plan.entries.length} entries into ${plan.out}, ${parallel} at a time`);
    entries = (await runLocalBatch(plan, parallel, say)).entries;
  }
  process.exitCode = summarise(plan, entries, Date.now() - started, f.failOn);
}

function withFlags(plan: BatchPlan, f: BatchFlags, cmd: Command): BatchPlan {
  const variants = f.variants ? parseVariants(f.variants) : undefined;
  return {
    ...plan,
    out: f.out ? resolve(f.out) : plan.out,
    // --no-pdf only when given: the plan's pdf: stands otherwise.
    settings: { ...plan.settings, ...(cmd.getOptionValueSource('pdf') === 'cli' ? { pdf: f.pdf } : {}) },
    entries: variants ? plan.entries.map((e) => (e.kind === 'scenario' ? { ...e, variants } : e)) : plan.entries,
  };
}

function positiveInt(flag: string, v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new UserError(`${flag} ${v}: give a whole number of 1 or more`);
  return n;
}

/** Prints one line per entry, writes the store's JUnit and SARIF files, and returns the exit code. */
function summarise(plan: BatchPlan, entries: EntryResult[], ms: number, failOn?: Severity): number {
  const finished: Array<{ findings: FindingsFile; runDir: string }> = [];
  for (const e of entries) {
    const findings = e.status === 'failed' ? undefined : readFindingsFile(e.runDir);
    if (findings) finished.push({ findings, runDir: e.runDir });
    const errored = findings?.outcomes.filter((o) => o.status === 'error').length ?? 0;
    const notes = `${findings?.complete === false ? ' [run INCOMPLETE]' : ''}${errored ? ` [${errored} phase(s) ended in a harness error: not tested]` : ''}`;
    const what = findings ? `${findings.findings.length} findings${notes}` : `FAILED: ${e.reason}`;
    console.log(`  ${e.name.padEnd(20)} ${e.status.padEnd(8)} ${e.ms ? formatDuration(e.ms).padStart(7) : '       '}  ${what}`);
  }
  const junit = join(plan.out, 'findings.junit.xml');
  const sarif = join(plan.out, 'findings.sarif');
  writeJunit(junit, finished);
  writeSarif(sarif, finished);
  const failed = entries.filter((e) => e.status === 'failed').length;
  console.log(`${entries.length - failed}/${entries.length} runs finished in ${formatDuration(ms)}; run store: ${plan.out}`);
  console.log(`JUnit: ${junit}\nSARIF: ${sarif}\nnext: privlab summarize ${plan.out}`);
  if (failed) return EXIT.runsFailed;
  const gated = failOn ? finished.some((r) => gatingFindings(r.findings.findings, failOn).length) : false;
  return runExitCode(finished.flatMap((r) => r.findings.outcomes), gated ? EXIT.findings : EXIT.ok);
}
