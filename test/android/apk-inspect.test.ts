import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { appiumHome } from '../../drivers/appium/appium-server.ts';
import { readApkManifest } from '../../src/android/apk-manifest.ts';
import { classifyPermissions, loadAndroidPermissions } from '../../src/android/permission-catalog.ts';
import { formatInspect, inspectApk } from '../../src/cli/commands/inspect.ts';
import { UserError } from '../../src/cli/errors.ts';

// Real APKs that ship inside appium-uiautomator2-driver, which scripts/setup.sh installs into APPIUM_HOME.
const UIA2 = join(appiumHome(), 'node_modules', 'appium-uiautomator2-driver', 'node_modules');
const SETTINGS_APK = join(UIA2, 'io.appium.settings', 'apks', 'settings_apk-debug.apk');
const SERVER_DIR = join(UIA2, 'appium-uiautomator2-server', 'apks');
const serverName = existsSync(SERVER_DIR) ? readdirSync(SERVER_DIR).find((f) => /^appium-uiautomator2-server-v[\d.]+\.apk$/.test(f)) : undefined;
const SERVER_APK = serverName ? join(SERVER_DIR, serverName) : '';
const haveApks = existsSync(SETTINGS_APK) && SERVER_APK !== '';

const tmp = mkdtempSync(join(tmpdir(), 'privlab-inspect-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe.skipIf(!haveApks)(`inspect on real APKs${haveApks ? '' : ' (skipped: appium-uiautomator2-driver not in APPIUM_HOME; run bash scripts/setup.sh)'}`, () => {
  it('reads io.appium.settings: 27 permissions, dangerous ones marked', async () => {
    const r = await inspectApk(SETTINGS_APK);
    expect(r.manifest).toMatchObject({ package: 'io.appium.settings', minSdk: 26 });
    expect(r.manifest.targetSdk).toBeGreaterThanOrEqual(26);
    expect(r.manifest.versionName).toMatch(/^\d+\.\d+/);
    expect(r.manifest.permissions).toHaveLength(27);
    expect(r.dangerous).toEqual(expect.arrayContaining(['android.permission.ACCESS_FINE_LOCATION', 'android.permission.READ_SMS', 'android.permission.RECORD_AUDIO']));
    expect(r.dangerous).not.toContain('android.permission.INTERNET');
    expect(r.notNeeded).toBeUndefined();
  });

  it('flags for a category only the dangerous permissions its necessary PI does not cover', async () => {
    const dating = await inspectApk(SETTINGS_APK, 'marriage_dating');
    expect(dating.notNeeded).toEqual(dating.dangerous);
    // Map navigation needs location: the location permissions are not flagged there, SMS still is.
    const maps = await inspectApk(SETTINGS_APK, 'map_navigation');
    expect(maps.notNeeded).not.toContain('android.permission.ACCESS_FINE_LOCATION');
    expect(maps.notNeeded).not.toContain('android.permission.ACCESS_COARSE_LOCATION');
    expect(maps.notNeeded).toContain('android.permission.READ_SMS');
    expect(maps.notNeeded!.length).toBeLessThan(dating.notNeeded!.length);
    const text = formatInspect(maps);
    expect(text).toMatch(/27 requested, \d+ dangerous, \d+ not needed by map_navigation/);
    expect(text).toMatch(/! android\.permission\.READ_SMS/);
    expect(text).toMatch(/\* android\.permission\.ACCESS_FINE_LOCATION/);
  });

  it('reads appium-uiautomator2-server: 9 permissions', async () => {
    const r = await inspectApk(SERVER_APK, 'marriage_dating');
    expect(r.manifest.package).toBe('io.appium.uiautomator2.server');
    expect(r.manifest.permissions).toHaveLength(9);
    expect(r.manifest.permissions).toContain('android.permission.QUERY_ALL_PACKAGES');
    expect(r.dangerous).toEqual(['android.permission.BLUETOOTH_SCAN']);
  });
});

describe('inspect on bad input', () => {
  it('names the file that is not an APK', async () => {
    const notApk = join(tmp, 'notes.apk');
    writeFileSync(notApk, 'PK\u0003\u0004 truncated zip');
    await expect(inspectApk(notApk)).rejects.toThrow(UserError);
    await expect(inspectApk(notApk)).rejects.toThrow(/notes\.apk: not a readable APK/);
    const empty = join(tmp, 'empty.apk');
    writeFileSync(empty, '');
    await expect(readApkManifest(empty)).rejects.toThrow(/empty\.apk: empty file/);
    await expect(readApkManifest(join(tmp, 'missing.apk'))).rejects.toThrow(/missing\.apk: no such file/);
  });

  it('rejects an unknown category with the catalog error', async () => {
    if (!haveApks) return;
    await expect(inspectApk(SETTINGS_APK, 'no_such_category')).rejects.toThrow(/unknown category "no_such_category"/);
  });
});

describe('android-permissions catalog', () => {
  it('loads, and classifies notifications as dangerous but not personal', () => {
    const catalog = loadAndroidPermissions();
    expect(catalog.get('android.permission.CAMERA')?.piTypes).toContain('face_image');
    const [n] = classifyPermissions(['android.permission.POST_NOTIFICATIONS'], catalog, new Set());
    expect(n).toMatchObject({ dangerous: true, notNeeded: false });
    const [c] = classifyPermissions(['android.permission.CAMERA'], catalog, new Set(['face_image']));
    expect(c?.notNeeded).toBe(false);
  });
});
