// A throwaway RFC 3161 time-stamp authority on 127.0.0.1 (local-tsa.ts) answers the real request.

import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeManifest } from '../../src/evidence/manifest.ts';
import { loadOrCreateSigningKey } from '../../src/evidence/signing-key.ts';
import { timestampManifest, TimestampError, verifyTimestamp } from '../../src/evidence/timestamp.ts';
import { register } from '../../src/cli/commands/verify.ts';
import { runCli } from './cli.ts';
import { startLocalTsa, type LocalTsa } from './local-tsa.ts';
import { makeRun, tempDir } from './helpers.ts';

const ssl = (args: string[], cwd: string) => execFileSync('openssl', args, { cwd, stdio: 'pipe' });
let pki: string;
let tsa: LocalTsa;
let url: string;

beforeAll(async () => {
  process.env.PRIVLAB_HOME = tempDir('home'); // verify looks for the lab key here; keep the real one out of it
  tsa = await startLocalTsa();
  pki = dirname(tsa.caFile);
  url = tsa.url;
});
afterAll(() => tsa.close());

describe('RFC 3161 timestamp of the manifest', () => {
  it('gets a token from the TSA and verifies it against the CA; a changed manifest fails', async () => {
    const { dir } = makeRun();
    const { path } = await writeManifest(dir, { key: loadOrCreateSigningKey(tempDir('home')) });
    const t = await timestampManifest(path, url);
    expect(t.path).toBe(join(dir, 'manifest.tsr'));
    expect(t.genTime).toMatch(/\d{4} GMT$/);
    const ok = await verifyTimestamp(path, join(pki, 'ca.crt'));
    expect(ok).toMatchObject({ ok: true, genTime: t.genTime });

    writeFileSync(path, readFileSync(path, 'utf8') + ' ');
    const bad = await verifyTimestamp(path, join(pki, 'ca.crt'));
    expect(bad.ok).toBe(false);
    expect(bad.message).toMatch(/verif/i);
  });

  it('privlab verify --tsa-ca checks the token', async () => {
    const { dir } = makeRun();
    const key = loadOrCreateSigningKey(tempDir('home'));
    const { path } = await writeManifest(dir, { key });
    const trust = ['--key', key.pubPath];
    const before = await runCli(register, ['verify', dir, ...trust, '--tsa-ca', join(pki, 'ca.crt')]);
    expect(before.code).toBe(1);
    expect(before.out).toContain('manifest.tsr missing');
    await timestampManifest(path, url);
    const r = await runCli(register, ['verify', dir, ...trust, '--tsa-ca', join(pki, 'ca.crt')]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/timestamp: valid, time .* GMT/);
    expect((await runCli(register, ['verify', dir, ...trust])).out).toContain('manifest.tsr present, not checked');
  });

  it('a token checked against another CA fails', async () => {
    const { dir } = makeRun();
    const { path } = await writeManifest(dir, { key: loadOrCreateSigningKey(tempDir('home')) });
    await timestampManifest(path, url);
    const other = tempDir('ca2');
    ssl(['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', 'k', '-out', 'ca.crt', '-days', '1', '-subj', '/CN=Other'], other);
    expect((await verifyTimestamp(path, join(other, 'ca.crt'))).ok).toBe(false);
  });

  it('a TSA that does not answer is a clear error', async () => {
    const { dir } = makeRun();
    const { path } = await writeManifest(dir, { key: loadOrCreateSigningKey(tempDir('home')) });
    await expect(timestampManifest(path, 'http://127.0.0.1:1/tsa', { timeoutMs: 2000 })).rejects.toThrow(TimestampError);
  });
});
