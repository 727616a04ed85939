// How to make a device trust the privlab CA, printed when a live capture starts. The CA is also saved
// as ca.crt (PEM) and ca.cer (DER), the names Android's and iOS's certificate installers expect.

import { execFile } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { existsSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import type { PrivlabCa } from '../capture/ca.ts';

const run = promisify(execFile);

export interface CaFiles {
  pem: string;
  crt: string;
  cer: string;
  /** Android system store file name: <subject_hash_old>.0, when openssl could compute it. */
  androidSystemName?: string;
}

export async function writeCaCopies(ca: PrivlabCa): Promise<CaFiles> {
  const dir = dirname(ca.certPath);
  const crt = join(dir, 'ca.crt');
  const cer = join(dir, 'ca.cer');
  if (!existsSync(crt)) writeFileSync(crt, ca.certPem, { mode: 0o644 });
  if (!existsSync(cer)) writeFileSync(cer, new X509Certificate(ca.certPem).raw, { mode: 0o644 });
  return { pem: ca.certPath, crt, cer, androidSystemName: await subjectHashOld(ca.certPath) };
}

/** Android names system CAs by OpenSSL's pre-1.0 subject hash; only openssl computes it readily. */
async function subjectHashOld(certPath: string): Promise<string | undefined> {
  try {
    const { stdout } = await run('openssl', ['x509', '-subject_hash_old', '-noout', '-in', certPath], { encoding: 'utf8' });
    const h = stdout.trim();
    return /^[0-9a-f]{8}$/.test(h) ? `${h}.0` : undefined;
  } catch {
    return undefined;
  }
}

export function trustInstructions(proxyHost: string, proxyPort: number, files: CaFiles, spkiSha256: string): string {
  const sys = files.androidSystemName ?? '$(openssl x509 -subject_hash_old -noout -in ca.pem).0';
  return `
Set the device's HTTP proxy to ${proxyHost}:${proxyPort}, then trust the privlab CA:
  CA certificate: ${files.pem}
                  ${files.crt} (PEM)   ${files.cer} (DER)

Android, user store (no root):
  copy ca.crt to the device, then Settings > Security > Encryption & credentials > Install a certificate > CA certificate.
  Apps targeting API 24+ ignore user CAs unless their network_security_config trusts <certificates src="user"/>
  (a debug build, or a repackaged APK), so expect only WebViews/browsers and such apps to be visible.
Android, system store (rooted device or emulator image without Play):
  adb root && adb remount
  adb push ${files.pem} /system/etc/security/cacerts/${sys}
  adb shell chmod 644 /system/etc/security/cacerts/${sys} && adb reboot
  Android 14+: CAs come from the conscrypt APEX /apex/com.android.conscrypt/cacerts, which remount does not
  make writable. Copy the existing certs and ${sys} into a tmpfs, then bind-mount that tmpfs over
  /apex/com.android.conscrypt/cacerts in every process's mount namespace (zygote and each running app:
  nsenter --mount=/proc/<pid>/ns/mnt -- mount --bind ...), and restart the app under test.
iOS:
  open ca.crt on the device (AirDrop, mail or a web page) and install the profile (Settings > Profile Downloaded),
  then enable full trust: Settings > General > About > Certificate Trust Settings > privlab interception CA.
Desktop browser:
  Chromium/Chrome: start it with --proxy-server=http://${proxyHost}:${proxyPort} --ignore-certificate-errors-spki-list=${spkiSha256}
  or import into the NSS db: certutil -d sql:$HOME/.pki/nssdb -A -t "C,," -n privlab -i ${files.pem}
  Firefox: Settings > Privacy & Security > Certificates > View Certificates > Authorities > Import ca.crt.
`;
}
