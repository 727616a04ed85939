import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appiumHome, freePort, startAppiumServer } from '../../../drivers/appium/appium-server.ts';

describe('local Appium server', () => {
  it('says how to install the drivers when APPIUM_HOME is empty', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'privlab-appium-home-'));
    try {
      await expect(startAppiumServer(empty)).rejects.toThrow(/no Appium drivers in .*npm run setup/);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it('hands out free ports', async () => {
    const [a, b] = await Promise.all([freePort(), freePort()]);
    expect(a).toBeGreaterThan(0);
    expect(b).toBeGreaterThan(0);
  });

  it.skipIf(!existsSync(join(appiumHome(), 'node_modules')))('starts on 127.0.0.1, answers /status, and stops', async () => {
    const server = await startAppiumServer();
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const status = (await (await fetch(`${server.url}/status`)).json()) as { value: { ready: boolean; build: { version: string } } };
      expect(status.value.build.version).toMatch(/^3\./);
    } finally {
      await server.stop();
    }
    await expect(fetch(`${server.url}/status`)).rejects.toThrow();
  });
});
