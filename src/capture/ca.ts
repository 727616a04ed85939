// The interception CA: generated once per user, reused so devices and pins that trust it keep working.

import { chmodSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateCACertificate, generateSPKIFingerprint } from 'mockttp';
import { privlabHome } from '../core/config-dir.ts';

export interface PrivlabCa {
  certPem: string;
  keyPem: string;
  certPath: string;
  keyPath: string;
  /** base64 SHA-256 of the SubjectPublicKeyInfo (Chromium's --ignore-certificate-errors-spki-list form). */
  spkiSha256: string;
}

export const CA_SUBJECT = 'privlab interception CA';

export async function ensureCa(home: string = privlabHome()): Promise<PrivlabCa> {
  const certPath = join(home, 'ca.pem');
  const keyPath = join(home, 'ca.key');
  const haveCert = existsSync(certPath);
  const haveKey = existsSync(keyPath);
  if (haveCert !== haveKey) {
    const missing = haveCert ? keyPath : certPath;
    throw new Error(
      `${missing}: missing while its pair exists. Restore it, or delete ${haveCert ? certPath : keyPath} to generate a new CA (devices that trusted the old one must be set up again).`,
    );
  }
  if (!haveCert) {
    const { key, cert } = await generateCACertificate({ subject: { commonName: CA_SUBJECT, organizationName: 'privlab' } });
    // 'wx' fails instead of overwriting if another process created the CA meanwhile.
    writeFileSync(keyPath, key, { mode: 0o600, flag: 'wx' });
    writeFileSync(certPath, cert, { mode: 0o644, flag: 'wx' });
  }
  ensureOwnerOnly(keyPath);
  const certPem = readFileSync(certPath, 'utf8');
  const keyPem = readFileSync(keyPath, 'utf8');
  if (!certPem.includes('BEGIN CERTIFICATE') || !keyPem.includes('PRIVATE KEY')) {
    throw new Error(`${home}: ca.pem or ca.key is not PEM. Delete both to generate a new CA.`);
  }
  return { certPem, keyPem, certPath, keyPath, spkiSha256: await generateSPKIFingerprint(certPem) };
}

/** Anyone who can read the CA key can intercept whatever trusts it: keep it 0600. */
function ensureOwnerOnly(keyPath: string): void {
  if ((statSync(keyPath).mode & 0o077) === 0) return;
  try {
    chmodSync(keyPath, 0o600);
  } catch (e) {
    throw new Error(`${keyPath}: the CA key is readable by other users and could not be made private (${(e as Error).message}). Run: chmod 600 ${keyPath}`);
  }
}
