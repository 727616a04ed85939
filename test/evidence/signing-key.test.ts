import { chmodSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadOrCreateSigningKey, SigningKeyError } from '../../src/evidence/signing-key.ts';
import { tempDir } from './helpers.ts';

describe('lab signing key', () => {
  it('is made once with an owner-only private key and reused after', () => {
    const home = tempDir('home');
    const a = loadOrCreateSigningKey(home);
    expect(statSync(join(home, 'signing.key')).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(home, 'signing.pub'), 'utf8')).toBe(a.publicPem);
    expect(a.fingerprint).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
    expect(Buffer.from(a.publicRaw, 'base64')).toHaveLength(32);
    const b = loadOrCreateSigningKey(home);
    expect(b.fingerprint).toBe(a.fingerprint);
  });

  it('refuses a private key readable by group or others, telling how to fix it', () => {
    const home = tempDir('home');
    loadOrCreateSigningKey(home);
    const keyFile = join(home, 'signing.key');
    chmodSync(keyFile, 0o640);
    expect(() => loadOrCreateSigningKey(home)).toThrow(SigningKeyError);
    expect(() => loadOrCreateSigningKey(home)).toThrow(`chmod 600 ${keyFile}`);
    chmodSync(keyFile, 0o600);
    expect(() => loadOrCreateSigningKey(home)).not.toThrow();
  });
});
