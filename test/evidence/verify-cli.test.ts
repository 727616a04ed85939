import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

describe('privlab verify', () => {
  it('prints OK with the file count and the key fingerprint', async () => {
    const { dir } = makeRun();
    await writeManifest(dir, { key });
    const r = await runCli(register, ['verify', dir]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^OK .*: \d+ files unchanged/);
    expect(r.out).toContain(key.fingerprint);
    expect(r.out).toContain("this lab's key");
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
