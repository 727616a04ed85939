import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ensureCa } from '../../src/capture/ca.ts';
import { trustInstructions, writeCaCopies } from '../../src/live/ca-trust.ts';

describe('CA trust for live capture', () => {
  it('saves the CA as .crt (PEM) and .cer (DER) and names the Android system-store file', async () => {
    const ca = await ensureCa(mkdtempSync(join(tmpdir(), 'privlab-home-')));
    const files = await writeCaCopies(ca);
    expect(readFileSync(files.crt, 'utf8')).toBe(ca.certPem);
    expect(new X509Certificate(readFileSync(files.cer)).fingerprint256).toBe(new X509Certificate(ca.certPem).fingerprint256);
    const hash = execFileSync('openssl', ['x509', '-subject_hash_old', '-noout', '-in', ca.certPath], { encoding: 'utf8' }).trim();
    expect(files.androidSystemName).toBe(`${hash}.0`);

    const text = trustInstructions('192.0.2.7', 8080, files, ca.spkiSha256);
    expect(text).toContain('192.0.2.7:8080');
    expect(text).toContain(`/system/etc/security/cacerts/${hash}.0`);
    expect(text).toMatch(/API 24\+.*network_security_config/s);
    expect(text).toContain('/apex/com.android.conscrypt/cacerts');
    expect(text).toContain('Certificate Trust Settings');
    expect(text).toContain(`--ignore-certificate-errors-spki-list=${ca.spkiSha256}`);
    expect(text).toMatch(/certutil -d sql:.* -i /);
  });
});
