// Runs the adb preparation against a real device or emulator. Skipped, with the reason in its name,
// when `adb devices` lists none (as on a machine without an Android SDK).

import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { appiumHome } from '../../drivers/appium/appium-server.ts';
import { Adb, listDevices } from '../../src/android/adb.ts';
import { caHashName, installPlan, launchPlan, resetAppPlan, routeTrafficPlan, undoRouteTrafficPlan, userCaPlan } from '../../src/android/device-prep.ts';
import { grantedRuntime } from '../../src/android/dumpsys.ts';
import { variantPermissionPlan } from '../../src/android/permissions.ts';
import { readPackagePermissions } from '../../src/android/prepare-device.ts';
import { ensureCa } from '../../src/capture/ca.ts';

const devices = await listDevices();
const serial = process.env.ANDROID_SERIAL ?? devices[0]?.serial;
const reason = devices.length ? `on ${serial}` : 'skipped: no Android device attached (adb devices lists none)';
// A real APK with runtime permissions, shipped inside appium-uiautomator2-driver.
const APK = join(appiumHome(), 'node_modules', 'appium-uiautomator2-driver', 'node_modules', 'io.appium.settings', 'apks', 'settings_apk-debug.apk');
const PKG = 'io.appium.settings';
const LOCATION = 'android.permission.ACCESS_FINE_LOCATION';
const PORT = 18_123;

describe.skipIf(devices.length === 0)(`adb device preparation (${reason})`, () => {
  const adb = new Adb(serial!);
  const dir = mkdtempSync(join(tmpdir(), 'privlab-device-'));
  afterAll(async () => {
    await adb.runAll(undoRouteTrafficPlan(PORT)).catch(() => {});
    rmSync(dir, { recursive: true, force: true });
  });

  it('routes the device to the host capture port and restores it', async () => {
    await adb.runAll(routeTrafficPlan(PORT));
    expect((await adb.shell('settings', 'get', 'global', 'http_proxy')).trim()).toBe(`127.0.0.1:${PORT}`);
    expect(await adb.run(['reverse', '--list'])).toContain(`tcp:${PORT}`);
    await adb.runAll(undoRouteTrafficPlan(PORT));
    expect((await adb.shell('settings', 'get', 'global', 'http_proxy')).trim()).toMatch(/^(:0|null)?$/);
    expect(await adb.run(['reverse', '--list'])).not.toContain(`tcp:${PORT}`);
  });

  it('pushes the CA for the user store', async () => {
    const ca = await ensureCa(dir);
    const pem = join(dir, 'push.pem');
    writeFileSync(pem, ca.certPem);
    expect(await caHashName(pem)).toMatch(/^[0-9a-f]{8}\.0$/);
    await adb.runAll(userCaPlan(pem));
    expect(await adb.shell('cat', '/sdcard/Download/privlab-ca.crt')).toContain('BEGIN CERTIFICATE');
  });

  it.skipIf(!existsSync(APK))('installs an APK, reads its permissions, grants, revokes, clears and launches it', async () => {
    await adb.runAll(installPlan(APK));
    const before = await readPackagePermissions(adb, PKG);
    expect(before.requested).toContain(LOCATION);

    await adb.runAll(variantPermissionPlan(PKG, 'accept-all', [LOCATION], 'pregrant'));
    expect(grantedRuntime(await readPackagePermissions(adb, PKG))).toContain(LOCATION);
    await adb.runAll(variantPermissionPlan(PKG, 'refuse-optional', [LOCATION], 'pregrant'));
    expect(grantedRuntime(await readPackagePermissions(adb, PKG))).not.toContain(LOCATION);

    await adb.runAll(resetAppPlan(PKG));
    await adb.runAll(launchPlan(PKG));
    expect(adb.log.map((c) => c.join(' '))).toContain(`shell pm clear ${PKG}`);
  });
});
