// The same demo scenario through WebdriverIO -> Appium -> Chromium driver and through Playwright, both
// through the embedded capture engine: the findings must be the same.

import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { appiumHome } from '../../drivers/appium/appium-server.ts';
import { ensureAnalysed } from '../../src/cli/pipeline.ts';
import { runScenario } from '../../src/runner/run-scenario.ts';
import type { DriverName } from '../../src/core/driver.ts';

const SCENARIO = 'scenarios/demo/lovelink/scenario.ts';
const chromiumDriverInstalled = existsSync(join(appiumHome(), 'node_modules', 'appium-chromium-driver'));
const root = mkdtempSync(join(tmpdir(), 'privlab-appium-e2e-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function findingsWith(driver: DriverName) {
  const { runDir, info } = await runScenario({
    scenarioFile: SCENARIO,
    outRoot: root,
    outDir: join(root, driver),
    variants: ['accept-all'],
    engine: 'embedded',
    driver,
  });
  const findings = await ensureAnalysed(runDir);
  return { info, ids: findings.findings.map((f) => f.id).sort() };
}

describe.skipIf(!chromiumDriverInstalled)(`Appium Chromium driver${chromiumDriverInstalled ? '' : ' (skipped: appium-chromium-driver not in APPIUM_HOME; run bash scripts/setup.sh)'}`, () => {
  it('drives the demo through Appium and finds what the Playwright run finds', async () => {
    const appium = await findingsWith('appium');
    expect(appium.info.complete).toBe(true);
    expect(appium.info.tools.driver).toMatch(/appium:chromium/);
    expect(appium.info.tools.browser).toMatch(/^Chromium \d+/);
    expect(appium.info.outcomes.map((o) => `${o.phase}:${o.status}`)).toEqual(['register:completed', 'login:completed', 'verify:completed', 'delete:completed']);
    expect(appium.ids.length).toBeGreaterThan(0);

    const playwright = await findingsWith('playwright');
    expect(playwright.info.outcomes).toEqual(appium.info.outcomes);
    expect(appium.ids).toEqual(playwright.ids);
  });
});
