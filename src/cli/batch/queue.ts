// Batch entries as jobs on a Redis-backed BullMQ queue: `batch --queue` enqueues and follows them,
// `worker --queue` on any machine takes them and runs each like a local batch does, into the shared run
// store named in the job. Retries, stalled jobs (a worker that died) and dead letters are BullMQ's.

import { appendFileSync, mkdirSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { Queue, Worker, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import { UserError } from '../errors.ts';
import type { ItemJob } from './item-process.ts';
import type { BatchPlan } from './plan.ts';
import { runDirOf, runState } from './run-store.ts';
import { runItem } from './run-item.ts';
import type { EntryResult } from './local-batch.ts';

export const QUEUE_NAME = 'privlab-runs';
/** Every run a worker finished, one JSON line each: who ran it and which attempt. */
export const COMPLETED_LOG = 'completed.jsonl';

export interface RunReply {
  runDir: string;
  worker: string;
  ms: number;
  /** True when the run was found finished and not run again. */
  alreadyFinished: boolean;
}

export function connectRedis(url: string): Redis {
  if (!/^rediss?:\/\//.test(url)) throw new UserError(`--queue ${url}: not a Redis URL; give redis://host:port`);
  // BullMQ's workers block on Redis: they need commands that wait instead of failing after retries.
  return new Redis(url, { maxRetriesPerRequest: null, lazyConnect: false });
}

/** One id per entry of a store, so enqueuing the same batch twice never makes two jobs. */
export function jobIdOf(store: string, name: string): string {
  return `${createHash('sha256').update(store).digest('hex').slice(0, 12)}-${name}`;
}

export interface EnqueueResult {
  queued: string[];
  skipped: string[];
}

export async function enqueue(redis: Redis, plan: BatchPlan, attempts: number): Promise<EnqueueResult> {
  const queue = new Queue<ItemJob>(QUEUE_NAME, { connection: redis });
  const result: EnqueueResult = { queued: [], skipped: [] };
  try {
    for (const entry of plan.entries) {
      if (runState(runDirOf(plan.out, entry.name)) === 'finished') {
        result.skipped.push(entry.name);
        continue;
      }
      const id = jobIdOf(plan.out, entry.name);
      const existing = await queue.getJob(id);
      const state = existing ? await existing.getState() : undefined;
      if (state === 'failed') await existing!.retry();
      else if (state === 'completed' || state === 'unknown') await existing!.remove();
      if (!existing || state === 'completed' || state === 'unknown') {
        await queue.add(entry.name, { entry, store: plan.out, settings: plan.settings }, {
          jobId: id,
          attempts,
          backoff: { type: 'fixed', delay: 5_000 },
          removeOnComplete: false,
          removeOnFail: false,
        });
      }
      result.queued.push(entry.name);
    }
  } finally {
    await queue.close();
  }
  return result;
}

/** Follows the jobs of a plan until each completed or failed for good, printing a line when counts change. */
export async function follow(redis: Redis, plan: BatchPlan, names: string[], say: (l: string) => void, pollMs = 1_000): Promise<EntryResult[]> {
  const queue = new Queue<ItemJob, RunReply>(QUEUE_NAME, { connection: redis });
  const results = new Map<string, EntryResult>();
  let last = '';
  try {
    while (results.size < names.length) {
      let running = 0;
      for (const name of names) {
        if (results.has(name)) continue;
        const job = (await queue.getJob(jobIdOf(plan.out, name))) as Job<ItemJob, RunReply> | undefined;
        const state = job ? await job.getState() : 'unknown';
        const runDir = runDirOf(plan.out, name);
        if (state === 'active') running += 1;
        if (state === 'completed') {
          results.set(name, { name, kind: job!.data.entry.kind, runDir, status: 'done', ms: job!.returnvalue?.ms, reason: `by ${job!.returnvalue?.worker}` });
          say(`queue: ${name} done by ${job!.returnvalue?.worker}`);
        } else if (state === 'failed' || state === 'unknown') {
          const reason = job ? `${job.failedReason} (after ${job.attemptsMade} attempts; kept in the queue's failed set)` : 'the job is gone from the queue';
          results.set(name, { name, kind: job?.data.entry.kind ?? 'scenario', runDir, status: 'failed', reason });
          say(`queue: ${name} FAILED: ${reason}`);
        }
      }
      const failed = [...results.values()].filter((r) => r.status === 'failed').length;
      const line = `queue: ${results.size - failed}/${names.length} done, ${running} running, ${failed} failed, ${names.length - results.size - running} waiting`;
      if (line !== last) say((last = line));
      if (results.size < names.length) await new Promise((r) => setTimeout(r, pollMs));
    }
  } finally {
    await queue.close();
  }
  return names.map((n) => results.get(n)!);
}

export interface WorkerOptions {
  concurrency: number;
  /** A job whose worker stops renewing its lock this long is taken back and given to another worker. */
  lockMs: number;
  name?: string;
}

export function startWorker(redis: Redis, o: WorkerOptions, say: (l: string) => void): Worker<ItemJob, RunReply> {
  const me = o.name ?? `${hostname()}:${process.pid}`;
  const worker = new Worker<ItemJob, RunReply>(
    QUEUE_NAME,
    async (job) => {
      const { entry, store } = job.data;
      const runDir = runDirOf(store, entry.name);
      if (runState(runDir) === 'finished') return { runDir, worker: me, ms: 0, alreadyFinished: true };
      say(`worker ${me}: took ${entry.name} (attempt ${job.attemptsMade + 1})`);
      const outcome = await runItem(job.data, (pid) => say(`worker ${me}: ${entry.name} runs in pid ${pid}`));
      if (!outcome.ok) throw new Error(`${entry.name}: ${outcome.reason}; log: ${outcome.log}`);
      mkdirSync(join(store, '.logs'), { recursive: true });
      appendFileSync(join(store, '.logs', COMPLETED_LOG), `${JSON.stringify({ name: entry.name, worker: me, jobId: job.id, attempt: job.attemptsMade + 1, ms: outcome.ms, at: new Date().toISOString() })}\n`);
      say(`worker ${me}: finished ${entry.name} in ${Math.round(outcome.ms / 1000)}s`);
      return { runDir, worker: me, ms: outcome.ms, alreadyFinished: false };
    },
    { connection: redis, concurrency: o.concurrency, lockDuration: o.lockMs, stalledInterval: o.lockMs, maxStalledCount: 2 },
  );
  worker.on('failed', (job, err) => say(`worker ${me}: ${job?.name ?? '?'} failed: ${err.message}`));
  return worker;
}
