// Analysis in worker threads must write what one thread writes, byte for byte, in the same order: on a
// recorded demo run (real Chromium traffic, face photos included) and on a capture with a flow that fails.
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { isMainThread } from 'node:worker_threads';
import { afterAll, describe, expect, it } from 'vitest';
import type { InspectMedia } from '../../src/analysis/analyze-flow.ts';
import { analyzeRun, ANALYSIS_FILE } from '../../src/analysis/analyze-run.ts';
import { RUN_FILES } from '../../src/evidence/run-layout.ts';
import { testCatalogs } from './helpers.ts';

const RECORDED = resolve(import.meta.dirname, '../fixtures/runs/lovelink');
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function copyOfRecorded(): string {
  const dir = mkdtempSync(join(tmpdir(), 'privlab-workers-'));
  dirs.push(dir);
  cpSync(RECORDED, dir, { recursive: true });
  return dir;
}

/** observations.jsonl, and analysis.json without the time it was written. */
async function analysed(dir: string, workers: number, inspect?: InspectMedia): Promise<{ observations: string; summary: unknown }> {
  await analyzeRun(dir, { catalogs: testCatalogs(), workers, ...(inspect ? { inspect } : {}) });
  const summary = JSON.parse(readFileSync(join(dir, ANALYSIS_FILE), 'utf8')) as Record<string, unknown>;
  delete summary.generatedAt;
  return { observations: readFileSync(join(dir, RUN_FILES.observations), 'utf8'), summary };
}

describe('analysis in worker threads', () => {
  it('writes the same observations.jsonl and analysis.json as one thread, on a recorded run', async () => {
    const dir = copyOfRecorded();
    const single = await analysed(dir, 0);
    const pooled = await analysed(dir, 2);
    // A run with no finding would make the comparison empty: this one has faces, phone numbers, IDs.
    expect(single.observations.split('\n').length).toBeGreaterThan(50);
    expect(single.observations).toContain('"piType":"face_image"');
    expect(pooled.observations).toBe(single.observations);
    expect(pooled.summary).toEqual(single.summary);
  }, 180_000);

  it('names a flow whose body is missing the same way in a worker', async () => {
    const dir = copyOfRecorded();
    const flows = readFileSync(join(dir, RUN_FILES.flows), 'utf8').trim().split('\n');
    const withBody = flows.findIndex((l) => l.includes('api.lovelink.test') && l.includes('"body":{"sha256"'));
    const flow = JSON.parse(flows[withBody]!) as { request: { body: { sha256: string } } };
    rmSync(join(dir, RUN_FILES.bodies, flow.request.body.sha256));
    const single = await analysed(dir, 0);
    const pooled = await analysed(dir, 1);
    expect(JSON.stringify(single.summary)).toContain('missing from bodies');
    expect(pooled).toEqual(single);
  }, 180_000);

  it('inspects media in the calling thread for flows analysed in workers: the same bytes and hints, the same output', async () => {
    const dir = copyOfRecorded();
    const recorder = (): { calls: string[]; inspect: InspectMedia } => {
      const calls: string[] = [];
      return {
        calls,
        inspect: async (bytes, hint) => {
          const sha = createHash('sha256').update(bytes).digest('hex');
          calls.push(`${isMainThread} ${Buffer.isBuffer(bytes)} ${bytes.length} ${sha} ${JSON.stringify(hint)}`);
          return [{ piType: 'face_image', confidence: 0.9, detector: 'test:stub', evidence: `stub ${sha.slice(0, 8)}` }];
        },
      };
    };
    const one = recorder();
    const single = await analysed(dir, 0, one.inspect);
    const two = recorder();
    const pooled = await analysed(dir, 2, two.inspect);
    expect(one.calls.length).toBeGreaterThan(0);
    expect(two.calls.every((c) => c.startsWith('true true '))).toBe(true);
    // Workers finish in any order: the calls are compared as a set, the output in full.
    expect([...two.calls].sort()).toEqual([...one.calls].sort());
    expect(pooled.observations).toContain('test:stub');
    expect(pooled).toEqual(single);
  }, 180_000);

  it('the same output when a worker goes on with other flows while one waits on a slow inspector', async () => {
    const dir = copyOfRecorded();
    // Answers take 0-40 ms by the photo's size, so flows finish out of their capture order inside a worker.
    let calls = 0;
    const inspect: InspectMedia = async (bytes) => {
      calls++;
      await new Promise((r) => setTimeout(r, (bytes.length % 5) * 10));
      return [{ piType: 'face_image', confidence: 0.9, detector: 'test:slow', evidence: `slow ${bytes.length}` }];
    };
    const single = await analysed(dir, 0, inspect);
    const inThread = calls;
    const pooled = await analysed(dir, 1, inspect);
    expect(inThread).toBeGreaterThan(1);
    expect(calls).toBe(2 * inThread);
    expect(pooled.observations).toContain('test:slow');
    expect(pooled).toEqual(single);
  }, 180_000);

  it('an inspector that throws fails the flow the same way in workers as in one thread', async () => {
    const dir = copyOfRecorded();
    const inspect: InspectMedia = () => {
      throw new RangeError('Maximum call stack size exceeded');
    };
    const single = await analysed(dir, 0, inspect);
    const pooled = await analysed(dir, 2, inspect);
    expect(JSON.stringify(single.summary)).toContain('RangeError: Maximum call stack size exceeded');
    expect(pooled).toEqual(single);
  }, 180_000);
});
