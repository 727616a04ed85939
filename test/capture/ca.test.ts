import { X509Certificate, createHash, createPublicKey } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CA_SUBJECT, ensureCa } from '../../src/capture/ca.ts';

const home = () => mkdtempSync(join(tmpdir(), 'privlab-ca-'));

describe('ensureCa', () => {
  it('creates the CA once, key readable by the owner only, and reuses it', async () => {
    const dir = home();
    const first = await ensureCa(dir);
    expect(statSync(first.keyPath).mode & 0o777).toBe(0o600);
    expect(statSync(first.certPath).mode & 0o777).toBe(0o644);
    const cert = new X509Certificate(first.certPem);
    expect(cert.subject).toContain(`CN=${CA_SUBJECT}`);
    expect(cert.ca).toBe(true);

    const second = await ensureCa(dir);
    expect(second.certPem).toBe(first.certPem);
    expect(second.keyPem).toBe(first.keyPem);
  });

  it('gives the SPKI pin as base64 SHA-256 of the public key', async () => {
    const ca = await ensureCa(home());
    const spki = createPublicKey(ca.certPem).export({ type: 'spki', format: 'der' });
    expect(ca.spkiSha256).toBe(createHash('sha256').update(spki).digest('base64'));
  });

  it('makes a group- or world-readable key private again', async () => {
    const dir = home();
    const { keyPath } = await ensureCa(dir);
    chmodSync(keyPath, 0o644);
    await ensureCa(dir);
    expect(statSync(keyPath).mode & 0o777).toBe(0o600);
  });

  it('refuses a half CA instead of silently replacing it', async () => {
    const dir = home();
    const { keyPath } = await ensureCa(dir);
    rmSync(keyPath);
    await expect(ensureCa(dir)).rejects.toThrow(/ca\.key: missing/);
  });

  it('refuses files that are not PEM', async () => {
    const dir = home();
    writeFileSync(join(dir, 'ca.pem'), 'garbage');
    writeFileSync(join(dir, 'ca.key'), 'garbage', { mode: 0o600 });
    await expect(ensureCa(dir)).rejects.toThrow(/not PEM/);
  });
});
