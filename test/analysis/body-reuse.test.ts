// Bodies seen before in a run are decoded once and their leaves reused: the output must be what decoding
// every body afresh writes, byte for byte, on a recorded demo run (most of whose bodies repeat), and a
// reused body must respect the flow's leaf budget as a fresh decode does.
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyzeRun, ANALYSIS_FILE } from '../../src/analysis/analyze-run.ts';
import { BodyCache } from '../../src/analysis/decode/body-cache.ts';
import type { Position } from '../../src/analysis/decode/leaf.ts';
import { DecodeSession } from '../../src/analysis/decode/session.ts';
import { unwrapBody } from '../../src/analysis/decode/unwrap.ts';
import { RUN_FILES } from '../../src/evidence/run-layout.ts';
import { testCatalogs } from './helpers.ts';

const RECORDED = resolve(import.meta.dirname, '../fixtures/runs/lovelink');
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

async function analysed(dir: string, decodeEveryBody: boolean, workers: number): Promise<{ observations: string; summary: unknown }> {
  await analyzeRun(dir, { catalogs: testCatalogs(), workers, decodeEveryBody });
  const summary = JSON.parse(readFileSync(join(dir, ANALYSIS_FILE), 'utf8')) as Record<string, unknown>;
  delete summary.generatedAt;
  return { observations: readFileSync(join(dir, RUN_FILES.observations), 'utf8'), summary };
}

describe('identical bodies decoded once', () => {
  it('writes what decoding every body afresh writes, on a recorded run, in this thread and in workers', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'privlab-reuse-'));
    dirs.push(dir);
    cpSync(RECORDED, dir, { recursive: true });
    // The comparison means something only if bodies repeat: in this run most do (every variant loads the same pages).
    const shas = readFileSync(join(dir, RUN_FILES.flows), 'utf8').match(/"sha256":"[0-9a-f]{64}"/g) ?? [];
    expect(shas.length - new Set(shas).size).toBeGreaterThan(50);
    const fresh = await analysed(dir, true, 0);
    expect(fresh.observations).toContain('"piType":"face_image"');
    expect(await analysed(dir, false, 0)).toEqual(fresh);
    expect(await analysed(dir, false, 2)).toEqual(fresh);
  }, 180_000);

  it('decodes a reused body in place when its leaves would pass the flow leaf budget', async () => {
    const body = Buffer.from(JSON.stringify({ a: '13912345678', b: 'x', c: 'y', d: 'z' }));
    const pos: Position = { path: 'body', chain: [], location: 'body', depth: 0 };
    const meta = { contentType: 'application/json' };
    const cache = new BodyCache();
    const fill = (s: DecodeSession, n: number) => {
      for (let i = 0; i < n; i++) s.emit({ path: `query.q${i}`, chain: [], location: 'url', depth: 1 }, 'v');
    };
    // The first sight decodes in place, the second decodes and keeps, the third on replays.
    for (const before of [0, 0, 0, 3, 5]) {
      const plain = new DecodeSession({ maxLeaves: 6 });
      fill(plain, before);
      await unwrapBody(plain, body, meta, pos);
      const reused = new DecodeSession({ maxLeaves: 6 });
      fill(reused, before);
      await cache.unwrap(reused, body, 'sha-of-body', meta, pos);
      expect({ leaves: reused.leaves, notes: reused.notes }).toEqual({ leaves: plain.leaves, notes: plain.notes });
    }
  });
});
