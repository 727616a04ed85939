// A worker thread of the flow pool: builds its reader and detector once, then analyses each flow it is
// sent and posts the result back under the flow's sequence number. Binary leaves go to the pool's thread
// to be inspected for media: the face model is loaded there once, not in every worker.

import { parentPort, workerData } from 'node:worker_threads';
import { RunReader } from '../evidence/run-reader.ts';
import { analyzeFlowResult, serialiseResult, type FlowEnv, type InspectMedia, type SerialisedResult } from './analyze-flow.ts';
import type { MediaHit } from './biometric/inspect-media.ts';
import type { FlowJob, WorkerMessage, WorkerReply, WorkerSetup } from './flow-pool.ts';
import { BodyCache } from './decode/body-cache.ts';
import { PiDetector } from './pii/detect-leaf.ts';

/** Flows analysed at once in this worker: a second starts only while the first awaits the pool's thread (media). */
const IN_FLIGHT = 2;
/** Results of small flows sent back in one message at most. */
const RESULTS_PER_REPLY = 32;

const port = parentPort;
if (!port) throw new Error('src/analysis/flow-worker.ts runs only as a worker thread of the flow pool');
const reply = (m: WorkerReply, transfer?: ArrayBuffer[]): void => port.postMessage(m, transfer);

const asked = new Map<number, { resolve(hits: MediaHit[]): void; reject(e: Error): void }>();
let lastAsked = 0;
/** Called once a flow waits on the pool's thread: another may start meanwhile. */
let onWaiting = (): void => {};
const inspectInPool: InspectMedia = (bytes, hint) =>
  new Promise((resolve, reject) => {
    const id = ++lastAsked;
    asked.set(id, { resolve, reject });
    const copy = new Uint8Array(bytes);
    reply({ inspect: id, bytes: copy, hint }, [copy.buffer]);
    onWaiting();
  });

let env: FlowEnv | undefined;
try {
  const setup = workerData as WorkerSetup;
  env = { reader: new RunReader(setup.runDir), detector: new PiDetector(setup.catalogs, setup.personas), inspect: inspectInPool, limits: setup.limits, ...(setup.decodeEveryBody ? {} : { bodies: new BodyCache() }) };
} catch (e) {
  reply({ fatal: (e as Error).message });
}
const ready = env;
if (ready) {
  // Flows are analysed one after another, except that while a flow waits on the pool's thread (a media
  // inspection: the face model loading, a photo being read) the next one is started rather than the worker
  // sitting idle. At most IN_FLIGHT at once: the flows queued behind them are small records, while one being
  // decoded may hold a large body and its leaves, so memory stays that of two flows per worker.
  // Results go back together when the worker has nothing queued (it would wait) or RESULTS_PER_REPLY are
  // ready: each message wakes the pool's thread, which on a loaded machine takes the core from a worker.
  const jobs: FlowJob[] = [];
  let running = 0;
  let done: Array<{ seq: number; result: SerialisedResult }> = [];
  // A flow awaits its media one inspection at a time, so the flows waiting on the pool's thread are asked.size.
  const next = (): void => {
    while (running < IN_FLIGHT && running <= asked.size && jobs.length > 0) {
      const job = jobs.shift()!;
      running++;
      void analyzeFlowResult(job.flow, job.party, ready).then((result) => {
        running--;
        done.push({ seq: job.seq, result: serialiseResult(result) });
        if (jobs.length === 0 || done.length >= RESULTS_PER_REPLY) {
          reply({ results: done });
          done = [];
        }
        next();
      });
    }
  };
  port.on('message', (m: WorkerMessage) => {
    if ('inspected' in m) {
      const a = asked.get(m.inspected);
      asked.delete(m.inspected);
      if ('hits' in m) return a?.resolve(m.hits);
      // Rebuilt with the pool's stack, so a failure is named after the detector that threw, as in one thread.
      return a?.reject(Object.assign(new Error(m.error.message), m.error));
    }
    for (const job of m.jobs) jobs.push(job);
    next();
  });
  onWaiting = next;
}
