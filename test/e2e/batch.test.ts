// privlab batch end to end: two sample-app runs (LoveLink and its next release) and three HAR imports, one
// of them broken, two at a time through real Chromium and the embedded proxy. The broken one fails alone;
// a second invocation redoes nothing finished; an unfinished run (or one cut by Ctrl-C) is set aside and
// redone. Then the diff between the two releases, and the summary page opened in real Chromium.

import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { EXIT } from '../../src/core/exit-codes.ts';
import type { RunInfo } from '../../src/core/run.ts';
import { runState } from '../../src/cli/batch/run-store.ts';
import { ROOT, startCli } from '../batch/cli-process.ts';

const dir = mkdtempSync(join(tmpdir(), 'privlab-batch-'));
const store = join(dir, 'store');
const plan = join(dir, 'plan.yaml');
const FINISHING = ['lovelink', 'lovelink-v2', 'chrome', 'charles'];

async function batch(...extra: string[]): Promise<{ code: number | null; out: string }> {
  const p = startCli(['batch', plan, ...extra]);
  const code = await p.exited;
  return { code, out: p.output() };
}

const runInfo = (name: string): RunInfo => JSON.parse(readFileSync(join(store, name, 'run.json'), 'utf8')) as RunInfo;

describe('privlab batch', () => {
  let first: { code: number | null; out: string };

  beforeAll(async () => {
    writeFileSync(join(dir, 'broken.har'), '{"log": {"version": "1.2", "entries": [ {"request": ');
    cpSync(join(ROOT, 'test/fixtures/har'), join(dir, 'har'), { recursive: true });
    writeFileSync(
      plan,
      [
        'out: store',
        'parallel: 2',
        'pdf: false',
        'variants: [accept-all]',
        'runs:',
        `  - scenario: ${join(ROOT, 'scenarios/demo/lovelink/scenario.ts')}`,
        `  - scenario: ${join(ROOT, 'test/fixtures/scenarios/lovelink-policy-fixed/scenario.ts')}`,
        '    name: lovelink-v2',
        '  - har: har/chrome.har',
        '    category: marriage_dating',
        '  - har: har/charles.har',
        '    category: online_community',
        '  - har: broken.har',
        '    category: online_community',
        '',
      ].join('\n'),
    );
    first = await batch();
  }, 600_000);

  it('runs every entry; the broken HAR fails alone and the exit code says some runs failed', () => {
    expect(first.code, first.out).toBe(EXIT.runsFailed);
    for (const name of FINISHING) expect(runState(join(store, name)), name).toBe('finished');
    expect(first.out).toMatch(/batch: \d\/5 done, \d running, \d failed.*(about \S+ left|time left unknown)/);
    expect(first.out).toMatch(/broken\s+failed\s+.*FAILED: .*broken\.har/);
    expect(first.out).toMatch(/4\/5 runs finished/);
    const state = JSON.parse(readFileSync(join(store, 'batch.json'), 'utf8')) as { entries: Array<{ name: string; status: string }> };
    expect(Object.fromEntries(state.entries.map((e) => [e.name, e.status]))).toEqual({ lovelink: 'done', 'lovelink-v2': 'done', chrome: 'done', charles: 'done', broken: 'failed' });
    expect(readFileSync(join(store, 'findings.junit.xml'), 'utf8')).toMatch(/<testsuite name="LoveLink \(marriage_dating\)"/);
  });

  it('a second invocation redoes nothing finished', async () => {
    const before = runInfo('lovelink').startedAt;
    const again = await batch();
    expect(again.code).toBe(EXIT.runsFailed); // the broken HAR is still broken
    expect(again.out).toMatch(/batch: 4\/5 done \(4 already before\), 0 running, 1 failed/);
    expect(runInfo('lovelink').startedAt).toBe(before);
  }, 300_000);

  it('an unfinished run is set aside, never overwritten, and done again', async () => {
    const info = runInfo('chrome');
    writeFileSync(join(store, 'chrome', 'run.json'), JSON.stringify({ ...info, complete: false, incompleteReason: 'interrupted by SIGKILL' }));
    const again = await batch();
    expect(again.out).toMatch(/chrome\s+done/);
    expect(runState(join(store, 'chrome'))).toBe('finished');
    const aside = readdirSync(join(store, '.attempts'));
    expect(aside.some((d) => d.startsWith('chrome-'))).toBe(true);
  }, 300_000);

  it('Ctrl-C in the middle of a run: exit 130, the run left unfinished; the same command again redoes it', async () => {
    const planB = join(dir, 'interrupt.yaml');
    writeFileSync(planB, `out: interrupted\npdf: false\nvariants: [accept-all]\nruns:\n  - scenario: ${join(ROOT, 'scenarios/demo/linyu/scenario.ts')}\n`);
    const runDir = join(dir, 'interrupted', 'linyu');
    const p = startCli(['batch', planB]);
    await p.waitFor(/started linyu/);
    await expect.poll(() => existsSync(join(runDir, 'run.json')), { timeout: 60_000, interval: 200 }).toBe(true);
    p.proc.kill('SIGINT');
    expect(await p.exited).toBe(EXIT.interrupted);
    expect(p.output()).toMatch(/interrupted: run the same command again to resume/);
    expect(runState(runDir)).toBe('partial');
    const again = startCli(['batch', planB]);
    expect(await again.exited, again.output()).toBe(EXIT.ok);
    expect(runState(runDir)).toBe('finished');
    expect(readdirSync(join(dir, 'interrupted', '.attempts')).some((d) => d.startsWith('linyu-'))).toBe(true);
  }, 300_000);

  it('diff between the two releases: the newly declared face cloud resolves the undisclosed-third-party findings', async () => {
    const p = startCli(['diff', join(store, 'lovelink'), join(store, 'lovelink-v2'), '--json', '--fail-on', 'info', '--sarif', join(dir, 'v2.sarif')]);
    expect(await p.exited).toBe(EXIT.ok);
    const d = JSON.parse(p.output().slice(p.output().indexOf('{'))) as { new: unknown[]; resolved: Array<{ id: string; ruleId: string }>; unchanged: unknown[] };
    expect(d.new).toEqual([]);
    expect(d.resolved.length).toBeGreaterThan(0);
    expect(new Set(d.resolved.map((f) => f.ruleId))).toEqual(new Set(['undisclosed-third-party']));
    expect(d.unchanged.length).toBeGreaterThan(5);
    expect(readFileSync(join(dir, 'v2.sarif'), 'utf8')).toContain('"baselineState": "absent"');
  }, 120_000);

  it('summarize: CSV of the store, and the HTML page renders its figures in real Chromium with no request out', async () => {
    const p = startCli(['summarize', store]);
    expect(await p.exited, p.output()).toBe(0);
    const csv = readFileSync(join(store, 'summary', 'apps.csv'), 'utf8').trim().split('\n');
    expect(csv).toHaveLength(1 + FINISHING.length);
    expect(csv.find((l) => l.startsWith('LoveLink,'))).toMatch(/face_image/);
    const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'] });
    try {
      const page = await browser.newPage({ viewport: { width: 1300, height: 900 } });
      const requests: string[] = [];
      page.on('request', (r) => requests.push(r.url()));
      await page.goto(`file://${join(store, 'summary', 'summary.html')}`);
      for (const id of ['heat-map', 'receivers', 'category-rates']) {
        const box = await page.locator(`#${id} svg`).boundingBox();
        expect(box!.width, id).toBeGreaterThan(200);
        expect(box!.height, id).toBeGreaterThan(100);
      }
      expect(await page.locator('#heat-map svg text', { hasText: 'LoveLink (marriage_dating)' }).count()).toBeGreaterThan(0);
      expect(requests.filter((u) => !u.startsWith('file://'))).toEqual([]);
      await page.screenshot({ path: join(store, 'summary', 'summary.png'), fullPage: true });
      expect(existsSync(join(store, 'summary', 'summary.png'))).toBe(true);
    } finally {
      await browser.close();
    }
  }, 120_000);
});
