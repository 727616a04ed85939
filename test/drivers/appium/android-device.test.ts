// The Appium driver's Android preparation against a fake `adb` on PATH that records every call: the
// device the config names, its CA store, the permission marks after a variant, and no adb at all when
// the Appium server is remote.

import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { attachAndroidDevice } from '../../../drivers/appium/android-device.ts';
import { ensureCa } from '../../../src/capture/ca.ts';
import type { ProxySettings } from '../../../src/core/driver.ts';

const dir = mkdtempSync(join(tmpdir(), 'privlab-fake-adb-'));
const log = join(dir, 'adb.log');
const DUMPSYS = new URL('../../fixtures/android/dumpsys-package-camera-app.txt', import.meta.url).pathname;

// Two devices attached; serials starting "emulator-" answer the qemu property as emulators do.
const FAKE_ADB = `#!/usr/bin/env node
const fs = require('node:fs');
const args = process.argv.slice(2);
fs.appendFileSync(${JSON.stringify(log)}, JSON.stringify(args) + '\\n');
const serial = args[0] === '-s' ? args[1] : undefined;
const cmd = (serial ? args.slice(2) : args).join(' ');
if (cmd === 'devices') process.stdout.write('List of devices attached\\nemulator-5554\\tdevice\\nphone-2\\tdevice\\n');
else if (cmd === 'shell getprop ro.build.version.sdk') process.stdout.write('34\\n');
else if (/^shell getprop ro\\.(kernel|boot)\\.qemu$/.test(cmd)) process.stdout.write(serial.startsWith('emulator-') ? '1\\n' : '\\n');
else if (cmd.startsWith('shell dumpsys package ')) process.stdout.write(fs.readFileSync(${JSON.stringify(DUMPSYS)}, 'utf8'));
`;

let proxy: ProxySettings;
const savedPath = process.env.PATH;
const savedSerial = process.env.ANDROID_SERIAL;
const calls = (): string[][] => readFileSync(log, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as string[]);

beforeAll(async () => {
  writeFileSync(join(dir, 'adb'), FAKE_ADB);
  chmodSync(join(dir, 'adb'), 0o755);
  process.env.PATH = `${dir}${delimiter}${savedPath}`;
  delete process.env.ANDROID_SERIAL;
  const ca = await ensureCa(dir);
  proxy = { url: 'http://127.0.0.1:18123', caCertPem: ca.certPem, caSpkiSha256: ca.spkiSha256 };
});
beforeEach(() => writeFileSync(log, ''));
afterAll(() => {
  process.env.PATH = savedPath;
  if (savedSerial !== undefined) process.env.ANDROID_SERIAL = savedSerial;
  rmSync(dir, { recursive: true, force: true });
});

describe('attachAndroidDevice (fake adb)', () => {
  it('prepares the device the config names, in the CA store it names, and only that device', async () => {
    const device = (await attachAndroidDevice({ udid: 'phone-2', caStore: 'user', proxy }))!;
    expect([device.serial, device.caStore]).toEqual(['phone-2', 'user']);
    const onDevice = calls().filter((c) => c[0] === '-s');
    expect(onDevice.length).toBeGreaterThan(0);
    expect(onDevice.every((c) => c[1] === 'phone-2')).toBe(true);
    const cmds = onDevice.map((c) => c.slice(2).join(' '));
    expect(cmds).toContain('reverse tcp:18123 tcp:18123');
    expect(cmds).toContain('shell settings put global http_proxy 127.0.0.1:18123');
    expect(cmds.some((c) => c.startsWith('push ') && c.endsWith(' /sdcard/Download/privlab-ca.crt'))).toBe(true);
    expect(cmds.some((c) => c === 'root' || c === 'remount')).toBe(false);
  });

  it('defaults to the system store on an emulator', async () => {
    const device = (await attachAndroidDevice({ udid: 'emulator-5554', proxy }))!;
    expect(device.caStore).toBe('system');
    expect(calls().some((c) => c.slice(2).join(' ') === 'root')).toBe(true);
  });

  it('reads the app permissions after a variant as marks, and undoes the routing', async () => {
    const device = (await attachAndroidDevice({ udid: 'phone-2', caStore: 'none', proxy }))!;
    writeFileSync(log, '');
    const marks = await device.permissionMarks('com.example.lovelink');
    expect(marks[1]).toBe('android-permissions granted (com.example.lovelink): android.permission.CAMERA');
    expect(calls()).toEqual([['-s', 'phone-2', 'shell', 'dumpsys', 'package', 'com.example.lovelink']]);
    writeFileSync(log, '');
    await device.undo();
    expect(calls().map((c) => c.slice(2).join(' '))).toEqual(['shell settings put global http_proxy :0', 'reverse --remove tcp:18123']);
  });

  it('runs no adb command when the Appium server is remote', async () => {
    expect(await attachAndroidDevice({ url: 'http://grid.example.test:4723', udid: 'phone-2', proxy })).toBeUndefined();
    expect(calls()).toEqual([]);
  });

  it('refuses to guess between two attached devices', async () => {
    await expect(attachAndroidDevice({ proxy })).rejects.toThrow(/2 devices attached \(emulator-5554, phone-2\); choose one with ANDROID_SERIAL/);
  });
});
