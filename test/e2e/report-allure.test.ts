// Renders the Allure HTML of a hand-made run in real Chromium and checks what a reviewer sees:
// the categories, one failed test case per finding with its screenshot and evidence, the
// environment table, real step durations, and the Trend after a second run of the same app in the
// same out-root (the second report carries the first one's history).

import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FindingsFile } from '../../src/core/rule.ts';
import { generateAllureHtml, previousRunHistory, serveReport, writeAllureResults, type ServedReport } from '../../src/report/allure/index.ts';
import { makeRunDir, type Fixture } from '../report/run-fixture.ts';

let fx: Fixture;
let reportDir: string;
let served: ServedReport;
let browser: Browser;
let page: Page;
let findings: FindingsFile;

beforeAll(async () => {
  // Two runs of the same app, a day apart, in one out-root; each report made as the pipeline makes it.
  const root = mkdtempSync(join(tmpdir(), 'privlab-allure-root-'));
  for (const start of ['2025-01-01T00:00:00.000Z', '2025-01-02T00:00:00.000Z']) {
    fx = await makeRunDir({ root, start });
    reportDir = await generateAllureHtml(await writeAllureResults(fx.dir), join(fx.dir, 'allure-report'), { earlierHistory: previousRunHistory(fx.dir) });
  }
  findings = JSON.parse(readFileSync(join(fx.dir, 'findings.json'), 'utf8')) as FindingsFile;
  served = await serveReport(reportDir, { log: () => {} });
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
});

afterAll(async () => {
  await browser?.close();
  await served?.close();
});

function findingUrl(flowId: string): string {
  const line = readFileSync(join(fx.dir, 'flows.jsonl'), 'utf8').split('\n').find((l) => l.includes(`"id":"${flowId}"`));
  return (JSON.parse(line!) as { request: { url: string } }).request.url;
}

/** uid of each test case in the generated report, by name. */
function testCaseUids(): Map<string, { uid: string; status: string }> {
  const dir = join(reportDir, 'data', 'test-cases');
  const out = new Map<string, { uid: string; status: string }>();
  for (const f of readdirSync(dir)) {
    const tc = JSON.parse(readFileSync(join(dir, f), 'utf8')) as { uid: string; name: string; status: string };
    out.set(tc.name, { uid: tc.uid, status: tc.status });
  }
  return out;
}

describe('Allure HTML in Chromium', () => {
  it('shows the environment table and the Trend of the two runs on the overview', async () => {
    await page.goto(served.url);
    const env = page.locator('[data-id="environment"]');
    await env.getByText('Show all').click();
    const text = await env.innerText();
    for (const s of ['app', 'LoveLink', 'version', '2.3.1', 'capture engine', 'embedded', 'browser', 'Chromium 156.0', 'privlab version', 'marriage_dating']) {
      expect(text).toContain(s);
    }
    const trend = JSON.parse(readFileSync(join(reportDir, 'history', 'history-trend.json'), 'utf8')) as unknown[];
    expect(trend).toHaveLength(2);
    // The chart as drawn: one point per run on the x axis, numbered by build.
    const ticks = page.locator('[data-id="history-trend"] .chart__axis_x .tick text');
    await expect.poll(() => ticks.evaluateAll((els) => els.map((e) => e.textContent))).toEqual(['#1', '#2']);
    expect(await page.locator('[data-id="history-trend"] line.report-line').count()).toBe(2);
  });

  it('lists violations by kind on the Categories tab and opens a failed case from there', async () => {
    await page.goto(`${served.url}#categories`);
    const tree = page.locator('allure-tree-view');
    await expect.poll(() => tree.innerText()).toContain('超范围收集个人信息 · Over-collection beyond the necessary scope');
    const cats = await tree.innerText();
    expect(cats).toContain('人脸等生物识别信息上传 · Face or other biometric data uploaded');
    expect(cats).toContain('已豁免 · Waived by a reviewer');
    // Inside a category the cases are grouped by rule, not by each finding's own text: the three
    // over-collection findings sit under one rule.
    await page.getByText('超范围收集个人信息 · Over-collection beyond the necessary scope').click();
    const groups = page.locator('.node.node__expanded > .node__children > .node > .node__title');
    await expect.poll(() => groups.count()).toBe(1);
    expect(await groups.locator('.node__name').innerText()).toBe('[over-collection] 超出必要范围收集个人信息 · Over-collection');
    expect((await groups.locator('.node__stats').innerText()).trim()).toBe('3');
    await page.getByText('人脸等生物识别信息上传 · Face or other biometric data uploaded').click();
    await page.getByText('[biometric-upload] 人脸信息上传 · Biometric upload').click();
    await page.getByText('Face image uploaded to a third party').first().click();
    const pane = page.locator('.test-result');
    await expect.poll(() => pane.innerText()).toContain('Failed');
    expect(await pane.innerText()).toContain('Severity: blocker');
  });

  it('has one failed test case per finding, each with its step screenshots and evidence attachment', async () => {
    const cases = testCaseUids();
    const failed = [...cases.entries()].filter(([, v]) => v.status === 'failed');
    const expected = findings.findings.filter((f) => fx.failedFindings.includes(f.id));
    expect(failed).toHaveLength(expected.length);
    for (const f of expected) {
      const entry = failed.find(([name]) => name.includes(f.title.en));
      expect(entry, f.title.en).toBeDefined();
      await page.goto(`${served.url}#testresult/${entry![1].uid}`);
      const pane = page.locator('.test-result');
      await expect.poll(() => pane.innerText()).toContain(f.title.en);
      expect(await pane.innerText()).toContain(f.reasoning);

      // a UI step's screenshot
      const title = pane.locator('.step__title', { has: page.locator('.step__name') }).filter({ hasText: '1 attachment' }).first();
      await title.click();
      const step = title.locator('xpath=..');
      await step.locator('.attachment-row').first().click();
      const img = step.locator('img.attachment-preview__media');
      await expect.poll(() => img.evaluate((el) => (el as HTMLImageElement).naturalWidth).catch(() => 0)).toBeGreaterThan(0);

      // the request excerpt, with the offending value marked
      const row = pane.locator('.attachment-row').filter({ hasText: 'values marked' }).first();
      await row.click();
      const excerpt = row.locator('xpath=..').locator('pre.attachment-preview__text');
      await expect.poll(() => excerpt.innerText().catch(() => '')).toMatch(/⟦[^⟧]+⟧/);
      expect(await excerpt.innerText()).toContain(new URL(findingUrl(f.evidence.flows[0]!)).host);
    }
  });

  it('renders a non-blank page (screenshot checked)', async () => {
    const file = join(tmpdir(), `privlab-allure-${process.pid}.png`);
    await page.screenshot({ path: file, fullPage: false });
    expect(existsSync(file)).toBe(true);
    const stats = await sharp(file).stats();
    // a blank page has (near) zero deviation in every channel
    expect(Math.max(...stats.channels.map((c) => c.stdev))).toBeGreaterThan(20);
    console.log(`allure screenshot: ${file}`);
  });
});
