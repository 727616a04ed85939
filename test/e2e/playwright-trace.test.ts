// Each variant's Playwright trace: written to traces/<variant>.zip by a real run, covered by the
// manifest, linked from the Allure cases, and opened by Playwright's own trace viewer
// (`playwright show-trace`, served on 127.0.0.1 and read in headless Chromium) showing that variant's actions.

import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { findChromium } from '../../drivers/chromium.ts';
import { killGroup, runChild, startChild, type Child } from '../live/child.ts';

const BIN = new URL('../../bin/privlab.mjs', import.meta.url).pathname;
const PLAYWRIGHT_CLI = join(createRequire(import.meta.url).resolve('playwright-core/package.json'), '../cli.js');
const root = mkdtempSync(join(tmpdir(), 'privlab-trace-'));
const runDir = join(root, 'run');
const viewers: Child[] = [];
afterAll(() => viewers.forEach((v) => killGroup(v.proc)));

/** The action list the trace viewer shows for a trace file. */
async function viewerActions(zip: string): Promise<string> {
  const viewer = startChild(PLAYWRIGHT_CLI, ['show-trace', '--host', '127.0.0.1', '--port', '0', zip]);
  viewers.push(viewer);
  const [, url] = await viewer.waitFor(/Listening on (http:\/\/127\.0\.0\.1:\d+)/);
  const browser = await chromium.launch({ executablePath: findChromium(), args: ['--no-sandbox'] });
  try {
    const page = await browser.newPage();
    await page.goto(url!);
    // the viewer lists the actions once it has read the zip
    await page.getByText('Navigate').first().waitFor({ timeout: 60_000 });
    return await page.locator('body').innerText();
  } finally {
    await browser.close();
  }
}

describe('Playwright traces of a run', () => {
  it('one trace per variant, in the manifest, linked from Allure, opened by show-trace', { timeout: 600_000 }, async () => {
    const run = await runChild(BIN, ['run', 'scenarios/demo/linyu/scenario.ts', '--out', runDir, '--variants', 'accept-all,refuse-biometric', '--no-pdf'], {
      PRIVLAB_HOME: join(root, 'home'),
    });
    expect(run.code, run.err).toBe(0);
    expect(readdirSync(join(runDir, 'traces')).sort()).toEqual(['accept-all.zip', 'refuse-biometric.zip']);

    const manifest = readFileSync(join(runDir, 'manifest.json'), 'utf8');
    expect(manifest).toContain('traces/accept-all.zip');

    const links = readdirSync(join(runDir, 'allure-results'))
      .filter((f) => f.endsWith('-result.json'))
      .flatMap((f) => (JSON.parse(readFileSync(join(runDir, 'allure-results', f), 'utf8')) as { links: Array<{ url: string }> }).links.map((l) => l.url));
    expect(links).toContain('../traces/accept-all.zip');
    expect(links).toContain('../traces/refuse-biometric.zip');

    // LinYu's verify step: the on-device face check when biometrics are accepted, the SMS route when refused.
    const accepted = await viewerActions(join(runDir, 'traces/accept-all.zip'));
    expect(accepted).toContain("locator('#face-local')");
    expect(accepted).not.toContain("locator('#sms-verify')");
    const refused = await viewerActions(join(runDir, 'traces/refuse-biometric.zip'));
    expect(refused).toContain("locator('#sms-verify')");
    expect(refused).not.toContain("locator('#face-local')");
  });
});
