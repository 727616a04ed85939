// Beyond one machine: a real Redis on 127.0.0.1, `privlab batch --queue` enqueuing four HAR imports, two
// `privlab worker` processes, one of them SIGKILLed while it runs an entry. Every run is done exactly once:
// the killed worker's run process dies with it, BullMQ hands the stalled job to the other worker.

import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT } from '../../src/core/exit-codes.ts';
import { runState } from '../../src/cli/batch/run-store.ts';
import { COMPLETED_LOG } from '../../src/cli/batch/queue.ts';
import { ROOT, startCli, type CliProcess } from '../batch/cli-process.ts';
import { redisMissing, startRedis, type RedisServer } from '../batch/redis-server.ts';

const missing = redisMissing();
if (missing) console.warn(`skipping the Redis queue test: ${missing}`);

const HARS = ['chrome', 'charles', 'httptoolkit', 'mitmproxy-savehar'];

describe.skipIf(Boolean(missing))('batch --queue with two workers', () => {
  let redis: RedisServer;
  const procs: CliProcess[] = [];

  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    for (const p of procs) if (p.proc.exitCode === null) p.proc.kill('SIGKILL');
    await redis?.stop();
  });

  it('runs every entry exactly once although a worker is killed mid-run', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'privlab-queue-'));
    const store = join(dir, 'store');
    const plan = join(dir, 'plan.yaml');
    writeFileSync(
      plan,
      `out: store\npdf: false\nruns:\n${HARS.map((h) => `  - har: ${join(ROOT, 'test/fixtures/har', `${h}.har`)}\n    category: online_community\n`).join('')}`,
    );
    const worker = (name: string) => startCli(['worker', '--queue', redis.url, '--name', name, '--lock-seconds', '3']);
    const a = worker('A');
    const b = worker('B');
    procs.push(a, b);
    await Promise.all([a.waitFor(/waiting for runs/), b.waitFor(/waiting for runs/)]);

    const batch = startCli(['batch', plan, '--queue', redis.url]);
    procs.push(batch);
    await batch.waitFor(/queued 4 run\(s\)/);

    // A takes an entry (B holds at most one at a time); kill A while the entry's process runs.
    const [, killedEntry, pid] = await a.waitFor(/worker A: (\S+) runs in pid (\d+)/);
    a.proc.kill('SIGKILL');
    await a.exited;
    await expect.poll(() => alive(Number(pid)), { timeout: 10_000, interval: 200 }).toBe(false);

    expect(await batch.exited, batch.output()).toBe(EXIT.ok);
    expect(batch.output()).toMatch(/queue: 4\/4 done, 0 running, 0 failed/);

    // Every run finished, and each was completed once, all by B (A died before finishing anything).
    for (const h of HARS) expect(runState(join(store, h))).toBe('finished');
    const completed = readFileSync(join(store, '.logs', COMPLETED_LOG), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { name: string; worker: string });
    expect(completed.map((c) => c.name).sort()).toEqual([...HARS].sort());
    expect(new Set(completed.map((c) => c.worker))).toEqual(new Set(['B']));
    expect(b.output()).toContain(`worker B: took ${killedEntry}`);

    // Enqueuing again finds everything finished: nothing is run twice.
    const again = startCli(['batch', plan, '--queue', redis.url]);
    procs.push(again);
    expect(await again.exited).toBe(EXIT.ok);
    expect(again.output()).toMatch(/queued 0 run\(s\) .* 4 already finished/);
    expect(readFileSync(join(store, '.logs', COMPLETED_LOG), 'utf8').trim().split('\n')).toHaveLength(4);
    expect(existsSync(join(store, 'findings.sarif'))).toBe(true);

    b.proc.kill('SIGTERM');
    expect(await b.exited).toBe(0);
  }, 300_000);
});

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
