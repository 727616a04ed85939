import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ensureCa } from '../../src/capture/ca.ts';
import {
  caHashName,
  launchPlan,
  resetAppPlan,
  routeTrafficPlan,
  systemStorePlan,
  undoRouteTrafficPlan,
  userCaPlan,
} from '../../src/android/device-prep.ts';
import { variantPermissionPlan } from '../../src/android/permissions.ts';

describe('adb plans', () => {
  it('routes the device to the host port and undoes it', () => {
    expect(routeTrafficPlan(8123)).toEqual([
      ['reverse', 'tcp:8123', 'tcp:8123'],
      ['shell', 'settings', 'put', 'global', 'http_proxy', '127.0.0.1:8123'],
    ]);
    expect(undoRouteTrafficPlan(8123)).toEqual([
      ['shell', 'settings', 'put', 'global', 'http_proxy', ':0'],
      ['reverse', '--remove', 'tcp:8123'],
    ]);
  });

  it('uses /system before Android 14 and the conscrypt APEX from Android 14', () => {
    const old = systemStorePlan('/tmp/ca.pem', 'abcd1234.0', 33);
    expect(old).toContainEqual(['remount']);
    expect(old).toContainEqual(['push', '/tmp/ca.pem', '/system/etc/security/cacerts/abcd1234.0']);
    const apex = systemStorePlan('/tmp/ca.pem', 'abcd1234.0', 34);
    expect(apex).not.toContainEqual(['remount']);
    const script = apex.at(-1)!.at(-1)!;
    expect(script).toMatch(/mount -t tmpfs tmpfs \/system\/etc\/security\/cacerts/);
    expect(script).toMatch(/nsenter --mount=\/proc\/\$z\/ns\/mnt -- mount --bind \/system\/etc\/security\/cacerts \/apex\/com\.android\.conscrypt\/cacerts/);
    expect(script).toContain('abcd1234.0');
  });

  it('pushes the CA for the user store and opens the security settings', () => {
    expect(userCaPlan('/tmp/ca.pem')[0]).toEqual(['push', '/tmp/ca.pem', '/sdcard/Download/privlab-ca.crt']);
  });

  it('resets and launches by package or component', () => {
    expect(resetAppPlan('com.x')).toEqual([['shell', 'pm', 'clear', 'com.x']]);
    expect(launchPlan('com.x', '.Main')).toEqual([['shell', 'am', 'start', '-W', '-n', 'com.x/.Main']]);
    expect(launchPlan('com.x', 'com.y/.Main')[0]).toContain('com.y/.Main');
    expect(launchPlan('com.x')[0]).toEqual(['shell', 'monkey', '-p', 'com.x', '-c', 'android.intent.category.LAUNCHER', '1']);
  });

  it('grants or revokes runtime permissions per variant', () => {
    const perms = ['android.permission.CAMERA', 'android.permission.ACCESS_FINE_LOCATION'];
    expect(variantPermissionPlan('com.x', 'accept-all', perms, 'pregrant').map((c) => c[2])).toEqual(['grant', 'grant']);
    expect(variantPermissionPlan('com.x', 'refuse-optional', perms, 'pregrant').map((c) => c[2])).toEqual(['revoke', 'revoke']);
    // refuse-biometric does not refuse OS permissions
    expect(variantPermissionPlan('com.x', 'refuse-biometric', perms, 'pregrant')[0]).toEqual(['shell', 'pm', 'grant', 'com.x', 'android.permission.CAMERA']);
    expect(variantPermissionPlan('com.x', 'accept-all', perms, 'ask').map((c) => c[2])).toEqual(['revoke', 'revoke']);
  });
});

describe('caHashName', () => {
  it('names the CA as openssl subject_hash_old does', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'privlab-ca-hash-'));
    try {
      const { certPem } = await ensureCa(dir);
      const pem = join(dir, 'copy.pem');
      writeFileSync(pem, certPem);
      const name = await caHashName(pem);
      expect(name).toMatch(/^[0-9a-f]{8}\.0$/);
      expect(name).toBe(`${execFileSync('openssl', ['x509', '-noout', '-subject_hash_old', '-in', pem], { encoding: 'utf8' }).trim()}.0`);
      writeFileSync(pem, 'not a certificate');
      await expect(caHashName(pem)).rejects.toThrow(/copy\.pem/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
