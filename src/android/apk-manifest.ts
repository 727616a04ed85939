// An APK's manifest facts (package, version, SDK levels, requested permissions), read without a device.

import { statSync } from 'node:fs';
import ApkReader from '@devicefarmer/adbkit-apkreader';

export interface ApkManifest {
  file: string;
  package: string;
  versionName?: string;
  versionCode?: number;
  minSdk?: number;
  targetSdk?: number;
  /** <uses-permission> names, in manifest order, without duplicates. */
  permissions: string[];
}

/** Throws an Error whose message names the file and what is wrong with it. */
export async function readApkManifest(file: string): Promise<ApkManifest> {
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    throw new Error(`${file}: no such file`);
  }
  if (size === 0) throw new Error(`${file}: empty file, not an APK`);
  let manifest;
  try {
    manifest = await (await ApkReader.open(file)).readManifest();
  } catch (e) {
    throw new Error(`${file}: not a readable APK (${(e as Error).message.split('\n')[0]})`);
  }
  return {
    file,
    package: manifest.package,
    ...(manifest.versionName !== undefined ? { versionName: String(manifest.versionName) } : {}),
    ...(manifest.versionCode !== undefined ? { versionCode: manifest.versionCode } : {}),
    ...(manifest.usesSdk?.minSdkVersion !== undefined ? { minSdk: manifest.usesSdk.minSdkVersion } : {}),
    ...(manifest.usesSdk?.targetSdkVersion !== undefined ? { targetSdk: manifest.usesSdk.targetSdkVersion } : {}),
    permissions: [...new Set(manifest.usesPermissions.map((p) => p.name))],
  };
}
