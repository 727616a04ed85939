import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { register as registerKeys } from '../../src/cli/commands/keys.ts';
import { register } from '../../src/cli/commands/verify.ts';
import { writeManifest } from '../../src/evidence/manifest.ts';
import { loadOrCreateSigningKey, type SigningKey } from '../../src/evidence/signing-key.ts';
import { runCli } from './cli.ts';
import { makeRun, tempDir } from './helpers.ts';

let key: SigningKey;
const savedHome = process.env.PRIVLAB_HOME;
beforeAll(() => {
  process.env.PRIVLAB_HOME = tempDir('home');
  key = loadOrCreateSigningKey();
});
afterAll(() => {
  if (savedHome === undefined) delete process.env.PRIVLAB_HOME;
  else process.env.PRIVLAB_HOME = savedHome;
});

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

describe('privlab verify', () => {
  it('prints OK with the file count and the key fingerprint', async () => {
    const { dir } = makeRun();
    await writeManifest(dir, { key });
    const r = await runCli(register, ['verify', dir]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^OK .*: \d+ files unchanged/);
    expect(r.out).toContain(`signer: ${key.fingerprint} (this lab's key)`);
    expect(r.out).toContain('not covered by any manifest: manifest.json');
  });

  it('a forged run re-signed with a fresh key fails, naming the signer; keys trust pins it; --key checks one key', async () => {
    const { dir } = makeRun();
    await writeManifest(dir, { key });
    writeFileSync(join(dir, 'findings.json'), '{"findings":[]}');
    const forger = loadOrCreateSigningKey(tempDir('forger'));
    await writeManifest(dir, { key: forger });
    const forged = await runCli(register, ['verify', dir]);
    expect(forged.code).toBe(1);
    expect(forged.out).toMatch(/^FAILED /);
    expect(forged.out).toContain(`signer: ${forger.fingerprint} (NOT a pinned key`);

    expect((await runCli(register, ['verify', dir, '--key', forger.pubPath])).code).toBe(0);

    const trusted = await runCli(registerKeys, ['keys', 'trust', forger.pubPath, '--name', 'partner-lab']);
    expect(trusted.code, trusted.err).toBe(0);
    expect(trusted.out).toContain(forger.fingerprint);
    const list = await runCli(registerKeys, ['keys', 'list']);
    expect(list.out).toMatch(new RegExp(`^own +${escape(key.fingerprint)}`, 'm'));
    expect(list.out).toMatch(new RegExp(`^partner-lab +${escape(forger.fingerprint)}`, 'm'));
    const ok = await runCli(register, ['verify', dir]);
    expect(ok.code, ok.out).toBe(0);
    expect(ok.out).toContain('(pinned key "partner-lab")');
  });

  it('a manifest that left the reports out says so, naming them as not covered', async () => {
    const { dir } = makeRun();
    mkdirSync(join(dir, 'lab-report'));
    writeFileSync(join(dir, 'lab-report', 'lab-report.zh.html'), '<p>');
    await writeManifest(dir, { key, scope: 'evidence' });
    renameSync(join(dir, 'evidence-manifest.json'), join(dir, 'manifest.json'));
    const r = await runCli(register, ['verify', dir]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('not covered by any manifest: lab-report/ (1 files), manifest.json');
    expect(r.out).toContain('the reports in this run are not covered');
  });

  it('keys trust refuses a file that is not a public key', async () => {
    const bad = join(tempDir('bad'), 'x.pub');
    writeFileSync(bad, 'not a key');
    const r = await runCli(registerKeys, ['keys', 'trust', bad]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`${bad}: is not a readable public key`);
  });

  it('names a changed body and exits 1', async () => {
    const { dir, flows } = makeRun();
    await writeManifest(dir, { key });
    const sha = flows[1]!.request.body!.sha256;
    const p = join(dir, 'bodies', sha);
    writeFileSync(p, Buffer.concat([readFileSync(p), Buffer.from([0])]));
    const r = await runCli(register, ['verify', dir]);
    expect(r.code).toBe(1);
    expect(r.out).toContain(`changed: bodies/${sha}`);
  });

  it('exits 1 when signed by a key other than the one required', async () => {
    const { dir } = makeRun();
    const other = loadOrCreateSigningKey(tempDir('other'));
    await writeManifest(dir, { key: other });
    const r = await runCli(register, ['verify', dir, '--key', key.pubPath]);
    expect(r.code).toBe(1);
    expect(r.out).toContain(`NOT the key in ${key.pubPath}`);
  });

  it('a bad signature exits 1', async () => {
    const { dir } = makeRun();
    await writeManifest(dir, { key });
    const mPath = join(dir, 'manifest.json');
    writeFileSync(mPath, readFileSync(mPath, 'utf8').replace('"privlabVersion": "0.1.0"', '"privlabVersion": "9.9.9"'));
    const r = await runCli(register, ['verify', dir, '--json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out)).toMatchObject({ ok: false, signatureValid: false });
  });

  it('a missing manifest is a one-line error with exit 2', async () => {
    const { dir } = makeRun();
    const r = await runCli(register, ['verify', dir]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/manifest\.json: missing/);
  });
});
