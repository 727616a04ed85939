// `privlab worker --queue redis://...`: takes batch runs from the queue, one process per run, and writes
// them into the run store each job names (a directory every worker machine sees at the same path).

import type { Command } from 'commander';
import { UserError } from '../errors.ts';
import { progressToStderr } from '../options.ts';

interface WorkerFlags {
  queue: string;
  concurrency: string;
  lockSeconds: string;
  name?: string;
}

export function register(program: Command): void {
  program
    .command('worker')
    .description(
      'Take runs that `privlab batch --queue` enqueued and run them here, each in a process of its own, into the shared run ' +
        'store named in the job. Runs until Ctrl-C or SIGTERM, then lets the runs in hand finish. A worker that dies loses ' +
        'its lock; after --lock-seconds another worker takes the run again from the start. Failed runs are retried by the ' +
        'queue, then kept in its failed set.',
    )
    .requiredOption('--queue <redis-url>', 'the Redis the batch was enqueued on, e.g. redis://127.0.0.1:6379')
    .option('--concurrency <n>', 'runs at once on this machine', '1')
    .option('--lock-seconds <s>', 'how long a run stays locked to this worker without a renewal (renewed every half of it while alive)', '30')
    .option('--name <name>', 'name of this worker in logs and replies (default host:pid)')
    .action(async (f: WorkerFlags) => {
      const concurrency = Number(f.concurrency);
      const lock = Number(f.lockSeconds);
      if (!Number.isInteger(concurrency) || concurrency < 1) throw new UserError(`--concurrency ${f.concurrency}: give a whole number of 1 or more`);
      if (!(lock >= 1)) throw new UserError(`--lock-seconds ${f.lockSeconds}: give a number of seconds, 1 or more`);
      const { connectRedis, startWorker } = await import('../batch/queue.ts');
      const redis = connectRedis(f.queue);
      const worker = startWorker(redis, { concurrency, lockMs: lock * 1000, name: f.name }, progressToStderr);
      await worker.waitUntilReady();
      progressToStderr(`worker ${f.name ?? ''} waiting for runs on ${f.queue}`.replace('  ', ' '));
      await new Promise<void>((resolve) => {
        const stop = (): void => {
          progressToStderr('worker: stopping after the runs in hand');
          void worker.close().then(resolve);
        };
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      redis.disconnect();
    });
}
