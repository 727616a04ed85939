// A throwaway RFC 3161 time-stamp authority on 127.0.0.1, made with openssl, answers the real request.

import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeManifest } from '../../src/evidence/manifest.ts';
import { loadOrCreateSigningKey } from '../../src/evidence/signing-key.ts';
import { timestampManifest, TimestampError, verifyTimestamp } from '../../src/evidence/timestamp.ts';
import { register } from '../../src/cli/commands/verify.ts';
import { runCli } from './cli.ts';
import { makeRun, tempDir } from './helpers.ts';

const ssl = (args: string[], cwd: string) => execFileSync('openssl', args, { cwd, stdio: 'pipe' });
let pki: string;
let server: Server;
let url: string;
let served = 0;

function makeTsa(dir: string): void {
  ssl(['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', 'ca.key', '-out', 'ca.crt', '-days', '2', '-subj', '/CN=Test TSA CA', '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign'], dir);
  ssl(['req', '-new', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', 'tsa.key', '-out', 'tsa.csr', '-subj', '/CN=Test TSA'], dir);
  writeFileSync(join(dir, 'tsa.ext'), 'extendedKeyUsage=critical,timeStamping\nkeyUsage=critical,digitalSignature\n');
  ssl(['x509', '-req', '-in', 'tsa.csr', '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'tsa.crt', '-days', '2', '-extfile', 'tsa.ext'], dir);
  writeFileSync(join(dir, 'tsaserial'), '01\n');
  writeFileSync(
    join(dir, 'tsa.cnf'),
    [
      '[ tsa ]', 'default_tsa = tsa1', '[ tsa1 ]', `serial = ${dir}/tsaserial`, `signer_cert = ${dir}/tsa.crt`, `signer_key = ${dir}/tsa.key`,
      'signer_digest = sha256', 'default_policy = 1.2.3.4.1', 'digests = sha256', 'accuracy = secs:1', 'ess_cert_id_alg = sha256', '',
    ].join('\n'),
  );
}

beforeAll(async () => {
  process.env.PRIVLAB_HOME = tempDir('home'); // verify looks for the lab key here; keep the real one out of it
  pki = tempDir('tsa');
  makeTsa(pki);
  server = createServer((req, res) => {
    const parts: Buffer[] = [];
    req.on('data', (c: Buffer) => parts.push(c));
    req.on('end', () => {
      served++;
      if (req.headers['content-type'] !== 'application/timestamp-query') return void res.writeHead(415).end();
      const q = join(pki, `q${served}.tsq`);
      writeFileSync(q, Buffer.concat(parts));
      const reply = ssl(['ts', '-reply', '-config', 'tsa.cnf', '-queryfile', q, '-out', '-'], pki);
      res.writeHead(200, { 'Content-Type': 'application/timestamp-reply' }).end(reply);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/tsa`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

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
    const { path } = await writeManifest(dir, { key: loadOrCreateSigningKey(tempDir('home')) });
    const before = await runCli(register, ['verify', dir, '--tsa-ca', join(pki, 'ca.crt')]);
    expect(before.code).toBe(1);
    expect(before.out).toContain('manifest.tsr missing');
    await timestampManifest(path, url);
    const r = await runCli(register, ['verify', dir, '--tsa-ca', join(pki, 'ca.crt')]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/timestamp: valid, time .* GMT/);
    expect((await runCli(register, ['verify', dir])).out).toContain('manifest.tsr present, not checked');
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
