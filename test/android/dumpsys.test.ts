import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseAdbDevices } from '../../src/android/adb.ts';
import { grantedRuntime, parseDumpsysPackage } from '../../src/android/dumpsys.ts';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/android/${name}`, import.meta.url), 'utf8');

describe('parseDumpsysPackage', () => {
  const p = parseDumpsysPackage(fixture('dumpsys-package-camera-app.txt'), 'com.example.lovelink');

  it('reads the version and the requested permissions in manifest order, without qualifiers', () => {
    expect([p.versionName, p.versionCode, p.targetSdk]).toEqual(['4.2.1', 4210, 34]);
    expect(p.requested).toEqual([
      'android.permission.INTERNET',
      'android.permission.ACCESS_NETWORK_STATE',
      'android.permission.CAMERA',
      'android.permission.ACCESS_FINE_LOCATION',
      'android.permission.ACCESS_COARSE_LOCATION',
      'android.permission.READ_CONTACTS',
      'android.permission.READ_EXTERNAL_STORAGE',
      'android.permission.POST_NOTIFICATIONS',
      'com.example.lovelink.DYNAMIC_RECEIVER_NOT_EXPORTED_PERMISSION',
    ]);
  });

  it('does not take declared permissions for requested ones', () => {
    expect(p.install.map((g) => g.name)).toContain('android.permission.INTERNET');
    expect(p.install.every((g) => g.granted)).toBe(true);
  });

  it('reads runtime grants per user, with their flags', () => {
    expect(grantedRuntime(p)).toEqual(['android.permission.CAMERA']);
    expect(grantedRuntime(p, 10)).toEqual(['android.permission.ACCESS_FINE_LOCATION']);
    const camera = p.runtime.find((g) => g.user === 0 && g.name === 'android.permission.CAMERA');
    expect(camera?.flags).toEqual(['USER_SET', 'USER_SENSITIVE_WHEN_GRANTED', 'USER_SENSITIVE_WHEN_DENIED']);
    expect(p.runtime.filter((g) => g.user === 0)).toHaveLength(6);
  });

  it('ignores the hidden system copy of an updated package', () => {
    const chrome = parseDumpsysPackage(fixture('dumpsys-package-system-update.txt'), 'com.android.chrome');
    expect(chrome.versionName).toBe('124.0.6367.82');
    expect(chrome.requested).not.toContain('android.permission.READ_CONTACTS');
    expect(grantedRuntime(chrome)).toEqual(['android.permission.RECORD_AUDIO']);
  });

  it('says which package is missing', () => {
    expect(() => parseDumpsysPackage(fixture('dumpsys-package-camera-app.txt'), 'com.other')).toThrow(/Package \[com\.other\].*installed/);
  });
});

describe('parseAdbDevices', () => {
  it('lists every serial with its state', () => {
    expect(parseAdbDevices(fixture('adb-devices.txt'))).toEqual([
      { serial: 'emulator-5554', state: 'device' },
      { serial: 'R58M12ABCDE', state: 'unauthorized' },
      { serial: '192.168.1.20:5555', state: 'offline' },
      { serial: 'emulator-5556', state: 'device' },
    ]);
    expect(parseAdbDevices('* daemon started successfully\nList of devices attached\n\n')).toEqual([]);
  });
});
