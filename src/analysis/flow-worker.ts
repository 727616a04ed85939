// A worker thread of the flow pool: builds its reader, detector and media cache once, then analyses
// each flow it is sent and posts the result back under the flow's sequence number.

import { parentPort, workerData } from 'node:worker_threads';
import { RunReader } from '../evidence/run-reader.ts';
import { analyzeFlowResult, type FlowEnv } from './analyze-flow.ts';
import { inspectMedia } from './biometric/inspect-media.ts';
import type { FlowJob, WorkerReply, WorkerSetup } from './flow-pool.ts';
import { BodyCache } from './decode/body-cache.ts';
import { cachedInspect } from './media-cache.ts';
import { PiDetector } from './pii/detect-leaf.ts';

const port = parentPort;
if (!port) throw new Error('src/analysis/flow-worker.ts runs only as a worker thread of the flow pool');
const reply = (m: WorkerReply): void => port.postMessage(m);

let env: FlowEnv | undefined;
try {
  const setup = workerData as WorkerSetup;
  env = { reader: new RunReader(setup.runDir), detector: new PiDetector(setup.catalogs, setup.personas), inspect: cachedInspect(inspectMedia), limits: setup.limits, ...(setup.decodeEveryBody ? {} : { bodies: new BodyCache() }) };
} catch (e) {
  reply({ fatal: (e as Error).message });
}
const ready = env;
if (ready) {
  // One flow at a time: the flows queued behind it are small records, while one being decoded may hold
  // a large body and its leaves, so memory stays that of one flow per worker.
  let queue = Promise.resolve();
  port.on('message', (job: FlowJob) => {
    queue = queue.then(() => analyzeFlowResult(job.flow, job.party, ready).then((result) => reply({ seq: job.seq, result })));
  });
}
