// Runs the device preparation before a session and undoes what it changed afterwards.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AndroidCaStore } from '../core/driver.ts';
import type { Adb } from './adb.ts';
import { caHashName, routeTrafficPlan, systemStorePlan, undoRouteTrafficPlan, userCaPlan } from './device-prep.ts';
import { parseDumpsysPackage, type PackagePermissions } from './dumpsys.ts';


export interface PrepareOptions {
  /** Port of the capture engine on the host's 127.0.0.1. */
  proxyPort: number;
  caCertPem: string;
  caStore?: AndroidCaStore;
}

export interface PreparedDevice {
  caStore: AndroidCaStore;
  sdk: number;
  undo(): Promise<void>;
}

/** An emulator image reports ro.kernel.qemu (older) or ro.boot.qemu (newer) = 1. */
export async function isEmulator(adb: Adb): Promise<boolean> {
  const [a, b] = await Promise.all([adb.shell('getprop', 'ro.kernel.qemu'), adb.shell('getprop', 'ro.boot.qemu')]);
  return a.trim() === '1' || b.trim() === '1';
}

export async function prepareDevice(adb: Adb, o: PrepareOptions): Promise<PreparedDevice> {
  const sdk = await adb.sdkLevel();
  const caStore = o.caStore ?? (await isEmulator(adb) ? 'system' : 'user');
  const dir = mkdtempSync(join(tmpdir(), 'privlab-ca-'));
  try {
    const pem = join(dir, 'privlab-ca.pem');
    writeFileSync(pem, o.caCertPem);
    if (caStore === 'system') await adb.runAll(systemStorePlan(pem, await caHashName(pem), sdk));
    if (caStore === 'user') await adb.runAll(userCaPlan(pem));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  await adb.runAll(routeTrafficPlan(o.proxyPort));
  return { caStore, sdk, undo: () => adb.runAll(undoRouteTrafficPlan(o.proxyPort)) };
}

export async function readPackagePermissions(adb: Adb, pkg: string): Promise<PackagePermissions> {
  return parseDumpsysPackage(await adb.shell('dumpsys', 'package', pkg), pkg);
}
