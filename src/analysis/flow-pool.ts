// Flow analysis in worker threads: each worker builds its detector once and analyses the flows it is given;
// results come back keyed by sequence number, so the caller can write them in capture order whatever order
// the workers finish in. Media (faces, voice) are inspected here, in the pool's thread, for every worker:
// one face model (~100 MB with its WASM heap) and one media cache for the run instead of one per worker.

import { availableParallelism } from 'node:os';
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Catalogs } from '../core/catalog.ts';
import type { Flow } from '../core/flow.ts';
import type { Party } from '../core/observation.ts';
import type { InspectMedia, SerialisedResult } from './analyze-flow.ts';
import type { MediaHint, MediaHit } from './biometric/inspect-media.ts';
import { MAX_CACHED_BODY_BYTES } from './decode/body-cache.ts';
import type { DecodeLimits } from './decode/leaf.ts';
import type { RunPersonaSet } from './pii/persona.ts';

/** What a worker needs to build its own detector and reader: plain data, copied to each worker. */
export interface WorkerSetup {
  runDir: string;
  catalogs: Pick<Catalogs, 'piTypes'>;
  personas?: RunPersonaSet;
  limits?: Partial<DecodeLimits>;
  decodeEveryBody?: boolean;
}

export interface FlowJob {
  seq: number;
  flow: Flow;
  party: Party;
}

/**
 * From a worker: flows' results (those finished since its last message: one message, and one wake-up of the
 * pool's thread, for many small flows), a failure to start, or a binary leaf to inspect for media.
 */
export type WorkerReply = { results: Array<{ seq: number; result: SerialisedResult }> } | { fatal: string } | MediaRequest;
export interface MediaRequest {
  inspect: number;
  /** A copy of the leaf's bytes alone (a view would carry its whole backing buffer across). */
  bytes: Uint8Array;
  hint: MediaHint;
}
/** To a worker: flows, in capture order, or the answer to one of its media requests. */
export type WorkerMessage = { jobs: FlowJob[] } | MediaAnswer;
export type MediaAnswer = { inspected: number; hits: MediaHit[] } | { inspected: number; error: { name: string; message: string; stack?: string } };

/**
 * Flows read ahead of the one being written, per worker. Workers take the next flow when they finish one,
 * so this must span the time one worker spends on a large body while the others go on with the small flows
 * after it (a few ms each, more on a busy machine), or they wait for it; what waits here is flow records and
 * small results (each worker reads its own bodies, at most two at a time), a few kB a flow.
 */
const AHEAD_PER_WORKER = 256;
/**
 * Work posted to one worker ahead of what it is doing, in body bytes (each flow counts FLOW_COST_BYTES more):
 * enough small flows (a few ms each) that a worker does not wait on the pool's thread while that thread is
 * busy (inspecting a photo, loading the face model, not scheduled on a loaded machine), few enough that not
 * much work queues behind a large body while another worker could have taken it (a large body alone fills it).
 */
const POSTED_BYTES_PER_WORKER = 2 * 1024 * 1024;
/** What a flow costs beyond its bodies (URL, headers, posting the result), in the same unit. */
const FLOW_COST_BYTES = 4 * 1024;
/** Bodies whose worker is remembered (their digests only); the memory starts afresh beyond this. */
const MAX_AFFINITY = 100_000;
/** Below this flows.jsonl size, starting workers (each loads the analysis code) costs more than it saves. */
export const WORKERS_FROM_BYTES = 4 * 1024 * 1024;

/** Workers for a capture of this size: none (analyse in this thread) for small ones, else one per core. */
export function defaultWorkers(flowsFileBytes: number): number {
  return flowsFileBytes < WORKERS_FROM_BYTES ? 0 : Math.min(availableParallelism(), 8);
}

export class FlowPool {
  private readonly workers: Worker[];
  private readonly waiting = new Map<number, { resolve(r: SerialisedResult): void; reject(e: Error): void; worker: Worker; cost: number }>();
  /** Cost (flowCost) of the flows posted to each worker and not yet answered. */
  private readonly load = new Map<Worker, number>();
  /** Flows no worker has been given yet, oldest first: each goes to the first worker that has room. */
  private readonly queued: Array<{ job: FlowJob; resolve(r: SerialisedResult): void; reject(e: Error): void }> = [];
  /**
   * The worker that last took a flow with this body (by SHA-256): each worker has its own BodyCache, so a body
   * sent again goes where it was decoded before and is decoded once per run, not once per worker.
   */
  private readonly affinity = new Map<string, Worker>();
  private failed: Error | undefined;
  private dispatchSet = false;
  readonly window: number;

  constructor(
    setup: WorkerSetup,
    count: number,
    private readonly inspect: InspectMedia,
  ) {
    this.window = count * AHEAD_PER_WORKER;
    this.workers = Array.from({ length: count }, () => this.spawn(setup));
  }

  analyse(job: FlowJob): Promise<SerialisedResult> {
    if (this.failed) return Promise.reject(this.failed);
    const result = new Promise<SerialisedResult>((resolve, reject) => {
      this.queued.push({ job, resolve, reject });
    });
    // Posted once the caller has read what it can (a chunk of flows.jsonl): one message for many flows.
    if (!this.dispatchSet) {
      this.dispatchSet = true;
      setImmediate(() => {
        this.dispatchSet = false;
        this.dispatch();
      });
    }
    // The caller awaits results in order; one rejected while it waits on an earlier one is not unhandled.
    result.catch(() => {});
    return result;
  }

  /**
   * Hands queued flows to workers with room, the least loaded first: a worker busy on a large body does not
   * hold up the flows behind it, and one with nothing posted always gets the next flow whatever its size.
   */
  private dispatch(): void {
    if (this.failed) return;
    const posts = new Map<Worker, FlowJob[]>();
    let taken = 0;
    while (taken < this.queued.length) {
      const digest = reusableBody(this.queued[taken]!.job.flow);
      const worker = pickWorker(this.workers, this.load, digest === undefined ? undefined : this.affinity.get(digest));
      if (!worker) break;
      const load = this.load.get(worker) ?? 0;
      if (digest !== undefined) {
        if (this.affinity.size >= MAX_AFFINITY) this.affinity.clear();
        this.affinity.set(digest, worker);
      }
      const { job, resolve, reject } = this.queued[taken++]!;
      const cost = flowCost(job.flow);
      this.load.set(worker, load + cost);
      this.waiting.set(job.seq, { resolve, reject, worker, cost });
      let jobs = posts.get(worker);
      if (!jobs) posts.set(worker, (jobs = []));
      jobs.push(job);
    }
    this.queued.splice(0, taken);
    for (const [worker, jobs] of posts) worker.postMessage({ jobs } satisfies WorkerMessage);
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  private spawn(setup: WorkerSetup): Worker {
    const worker = startWorker(setup);
    worker.on('message', (m: WorkerReply) => {
      if ('fatal' in m) return this.fail(new Error(`analysis worker failed to start: ${m.fatal}`));
      if ('inspect' in m) return this.answer(worker, m);
      for (const { seq, result } of m.results) {
        const w = this.waiting.get(seq);
        if (!w) continue;
        this.waiting.delete(seq);
        this.load.set(w.worker, (this.load.get(w.worker) ?? w.cost) - w.cost);
        w.resolve(result);
      }
      this.dispatch();
    });
    worker.on('error', (e) => this.fail(new Error(`analysis worker failed: ${e.message}`)));
    worker.on('exit', (code) => {
      if (code !== 0 && !this.failed) this.fail(new Error(`analysis worker exited with code ${code}`));
    });
    return worker;
  }

  private answer(worker: Worker, m: MediaRequest): void {
    const reply = (a: MediaAnswer): void => worker.postMessage(a satisfies WorkerMessage);
    // A Uint8Array arrives, not a Buffer: wrapped without a copy. inspect is awaited so a synchronous throw is answered too.
    void (async () => this.inspect(Buffer.from(m.bytes.buffer, m.bytes.byteOffset, m.bytes.byteLength), m.hint))().then(
      (hits) => reply({ inspected: m.inspect, hits }),
      (e: unknown) => {
        const err = e instanceof Error ? e : new Error(String(e));
        reply({ inspected: m.inspect, error: { name: err.name, message: err.message, ...(err.stack ? { stack: err.stack } : {}) } });
      },
    );
  }

  /** A worker that dies takes the run's analysis with it: every pending flow is rejected, nothing half-written. */
  private fail(e: Error): void {
    this.failed ??= e;
    for (const [, w] of this.waiting) w.reject(this.failed);
    for (const q of this.queued) q.reject(this.failed);
    this.waiting.clear();
    this.queued.length = 0;
  }
}

/**
 * The worker for the next flow: the one that decoded its body before while it has room (a worker busy on a
 * large body gives the flow to another, which decodes the body again: the output is the same), else the least
 * loaded with room; none when every worker is full.
 */
export function pickWorker<W>(workers: readonly W[], load: ReadonlyMap<W, number>, preferred?: W): W | undefined {
  if (preferred !== undefined && (load.get(preferred) ?? 0) < POSTED_BYTES_PER_WORKER) return preferred;
  let worker = workers[0];
  for (const w of workers) if ((load.get(w) ?? 0) < (load.get(worker!) ?? 0)) worker = w;
  return worker !== undefined && (load.get(worker) ?? 0) < POSTED_BYTES_PER_WORKER ? worker : undefined;
}

/** The request body (else the response body) a worker's BodyCache could keep, by its SHA-256. */
function reusableBody(flow: Flow): string | undefined {
  const req = flow.request.body;
  if (req && req.size > 0 && req.size <= MAX_CACHED_BODY_BYTES) return req.sha256;
  const res = flow.response?.body;
  return res && res.size > 0 && res.size <= MAX_CACHED_BODY_BYTES ? res.sha256 : undefined;
}

function flowCost(flow: Flow): number {
  return FLOW_COST_BYTES + (flow.request.body?.size ?? 0) + (flow.response?.body?.size ?? 0);
}

/**
 * The compiled worker runs as is; from the TypeScript sources (tsx, vitest) the worker has no loader of
 * its own, so a two-line bootstrap registers tsx in it first.
 */
function startWorker(setup: WorkerSetup): Worker {
  const entry = new URL(`./flow-worker${extname(fileURLToPath(import.meta.url))}`, import.meta.url);
  if (entry.pathname.endsWith('.js')) return new Worker(entry, { workerData: setup });
  const tsx = import.meta.resolve('tsx/esm/api');
  const boot = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry.href)}); })`;
  return new Worker(boot, { eval: true, workerData: setup });
}
