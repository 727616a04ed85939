// Preparing an Android device for a run, as plans of adb commands: route its traffic to the capture
// engine, trust the interception CA, install, reset and launch the app. Plans are plain data (tested
// without a device); Adb.runAll executes them.

import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { AdbCommand } from './adb.ts';

const run = promisify(execFile);

/** Where the user-store copy of the CA goes; Settings > Security > Install a certificate finds it there. */
export const DEVICE_CA_DOWNLOAD = '/sdcard/Download/privlab-ca.crt';
const SYSTEM_CACERTS = '/system/etc/security/cacerts';
/** Android 14 (API 34) reads system CAs from the updatable conscrypt APEX, not /system. */
export const CONSCRYPT_CACERTS = '/apex/com.android.conscrypt/cacerts';
export const ANDROID_14_SDK = 34;

/**
 * The device reaches the capture engine on its own loopback: `adb reverse` forwards the device's
 * 127.0.0.1:<port> to the host's, and the global HTTP proxy points every app there.
 */
export function routeTrafficPlan(port: number): AdbCommand[] {
  return [
    ['reverse', `tcp:${port}`, `tcp:${port}`],
    ['shell', 'settings', 'put', 'global', 'http_proxy', `127.0.0.1:${port}`],
  ];
}

/** `:0` clears the proxy at once (deleting the setting only takes effect after a reboot). */
export function undoRouteTrafficPlan(port: number): AdbCommand[] {
  return [
    ['shell', 'settings', 'put', 'global', 'http_proxy', ':0'],
    ['reverse', '--remove', `tcp:${port}`],
  ];
}

/**
 * User store: Android 11+ lets no app or adb install a CA silently, so the PEM is pushed and the
 * security settings opened; the tester taps Install a certificate > CA certificate > privlab-ca.crt.
 * Apps targeting API 24+ trust user CAs only if their network security config says so: for most
 * release builds the system store is needed.
 */
export function userCaPlan(localPem: string): AdbCommand[] {
  return [
    ['push', localPem, DEVICE_CA_DOWNLOAD],
    ['shell', 'am', 'start', '-a', 'android.settings.SECURITY_SETTINGS'],
  ];
}

/**
 * System store before Android 14, on an emulator started with -writable-system (a userdebug image
 * without Play Store): root, remount /system read-write, add the CA as <subject_hash_old>.0.
 */
export function systemCaPlan(localPem: string, hashName: string): AdbCommand[] {
  const dest = `${SYSTEM_CACERTS}/${hashName}`;
  return [['root'], ['wait-for-device'], ['remount'], ['push', localPem, dest], ['shell', 'chmod', '644', dest]];
}

/**
 * Android 14+: the APEX is read-only and each app process has its own mount namespace, so the CA
 * set is copied to a tmpfs over /system/etc/security/cacerts, our CA added, and that directory
 * bind-mounted over the APEX path inside zygote's namespaces and every running app's. Lasts until
 * reboot; needs root (adb root on an emulator image). Technique as described by HTTP Toolkit
 * ("Android 14 blocks modification of system certificates, even as root", Tim Perry, 2023).
 */
export function conscryptCaPlan(localPem: string, hashName: string): AdbCommand[] {
  const staged = `/data/local/tmp/${hashName}`;
  const script = [
    'set -e',
    'mkdir -p -m 700 /data/local/tmp/privlab-cacerts',
    `cp ${CONSCRYPT_CACERTS}/* /data/local/tmp/privlab-cacerts/`,
    `mount -t tmpfs tmpfs ${SYSTEM_CACERTS}`,
    `cp /data/local/tmp/privlab-cacerts/* ${SYSTEM_CACERTS}/`,
    `cp ${staged} ${SYSTEM_CACERTS}/${hashName}`,
    `chown root:root ${SYSTEM_CACERTS}/*`,
    `chmod 644 ${SYSTEM_CACERTS}/*`,
    `chcon u:object_r:system_file:s0 ${SYSTEM_CACERTS}/*`,
    // zygote and zygote64 start every app: mount into their namespaces, then into running apps'.
    'for z in $(pidof zygote zygote64); do',
    `  nsenter --mount=/proc/$z/ns/mnt -- mount --bind ${SYSTEM_CACERTS} ${CONSCRYPT_CACERTS}`,
    '  for p in $(ps -o PID -P $z | grep -v PID); do',
    `    nsenter --mount=/proc/$p/ns/mnt -- mount --bind ${SYSTEM_CACERTS} ${CONSCRYPT_CACERTS} || true`,
    '  done',
    'done',
    'rm -r /data/local/tmp/privlab-cacerts',
  ].join('\n');
  return [['root'], ['wait-for-device'], ['push', localPem, staged], ['shell', script]];
}

/** Picks the system-store plan for the device's API level. */
export function systemStorePlan(localPem: string, hashName: string, sdk: number): AdbCommand[] {
  return sdk >= ANDROID_14_SDK ? conscryptCaPlan(localPem, hashName) : systemCaPlan(localPem, hashName);
}

/** `openssl x509 -subject_hash_old`: the file name Android's cacerts directory uses (`<hash>.0`). */
export async function caHashName(localPem: string): Promise<string> {
  const { stdout } = await run('openssl', ['x509', '-inform', 'PEM', '-subject_hash_old', '-noout', '-in', localPem]);
  const hash = stdout.trim();
  if (!/^[0-9a-f]{8}$/.test(hash)) throw new Error(`openssl gave no subject hash for ${localPem}: "${hash}"`);
  return `${hash}.0`;
}

/** -r replaces an installed copy; no -g, so runtime permissions stay for the scenario to answer. */
export function installPlan(apk: string): AdbCommand[] {
  return [['install', '-r', apk]];
}

/** Clears data, caches and runtime-permission grants: the app is as if freshly installed. */
export function resetAppPlan(pkg: string): AdbCommand[] {
  return [['shell', 'pm', 'clear', pkg]];
}

/** With an activity, `am start -W -n`; without, the launcher intent via monkey. */
export function launchPlan(pkg: string, activity?: string): AdbCommand[] {
  if (activity) {
    const component = activity.includes('/') ? activity : `${pkg}/${activity}`;
    return [['shell', 'am', 'start', '-W', '-n', component]];
  }
  return [['shell', 'monkey', '-p', pkg, '-c', 'android.intent.category.LAUNCHER', '1']];
}
