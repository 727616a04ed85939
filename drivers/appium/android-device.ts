// The Android device under a local Appium session, through adb: routed to the capture proxy and given the
// CA before the session, asked for the app's permissions after each variant, restored at the end. The
// driver is its one owner. A remote Appium server's device is not attached to this machine, so with a
// server URL nothing here runs and no adb command is sent.

import type { AndroidCaStore, AppiumSettings, ProxySettings } from '../../src/core/driver.ts';
import { Adb } from '../../src/android/adb.ts';
import { permissionMarks } from '../../src/android/permissions.ts';
import { prepareDevice, readPackagePermissions, type PreparedDevice } from '../../src/android/prepare-device.ts';

export interface AndroidDeviceOptions extends AppiumSettings {
  proxy: ProxySettings;
}

export interface AndroidDevice {
  /** The serial adb chose: the session's appium:udid, so Appium drives the device adb prepared. */
  serial: string;
  caStore: AndroidCaStore;
  /** Requested, granted and not-granted runtime permissions of pkg, as timeline mark labels. */
  permissionMarks(pkg: string): Promise<string[]>;
  /** Removes the proxy routing. */
  undo(): Promise<void>;
}

/** Prepares the local device; undefined for a remote Appium server. */
export async function attachAndroidDevice(o: AndroidDeviceOptions): Promise<AndroidDevice | undefined> {
  if (o.url) return undefined;
  const adb = await Adb.connect(o.udid);
  const prepared: PreparedDevice = await prepareDevice(adb, {
    proxyPort: Number(new URL(o.proxy.url).port),
    caCertPem: o.proxy.caCertPem,
    caStore: o.caStore,
  });
  return {
    serial: adb.serial,
    caStore: prepared.caStore,
    permissionMarks: async (pkg) => permissionMarks(await readPackagePermissions(adb, pkg)),
    undo: () => prepared.undo(),
  };
}
