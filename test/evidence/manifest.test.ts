import { appendFileSync, mkdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readManifest, verifyRun, writeManifest } from '../../src/evidence/manifest.ts';
import { loadOrCreateSigningKey, type SigningKey } from '../../src/evidence/signing-key.ts';
import { makeRun, tempDir } from './helpers.ts';

let key: SigningKey;
beforeAll(() => {
  key = loadOrCreateSigningKey(tempDir('home'));
});

async function signedRun(): Promise<{ dir: string; bodySha: string }> {
  const { dir, flows } = makeRun();
  await writeManifest(dir, { key });
  return { dir, bodySha: flows[0]!.request.body!.sha256 };
}

describe('manifest', () => {
  it('the run manifest lists every file with size and SHA-256, reports included, signed, and verifies', async () => {
    const { dir } = makeRun();
    mkdirSync(join(dir, 'allure-report'));
    writeFileSync(join(dir, 'allure-report', 'index.html'), '<html>');
    writeFileSync(join(dir, 'findings.json'), '[]');
    const { path, sha256 } = await writeManifest(dir, { key });
    expect(sha256).toMatch(/^[0-9a-f]{64}$/);
    const m = readManifest(dir);
    const paths = m.body.files.map((f) => f.path);
    expect(paths).toEqual([...paths].sort());
    expect(paths).toContain('run.json');
    expect(paths).toContain('flows.jsonl');
    expect(paths).toContain('timeline.jsonl');
    expect(paths).toContain('findings.json');
    expect(paths).toContain('allure-report/index.html');
    expect(paths.filter((p) => p.startsWith('bodies/'))).toHaveLength(3);
    expect(paths.filter((p) => p.startsWith('screenshots/'))).toHaveLength(1);
    expect(paths).not.toContain('manifest.json');
    expect(m.body.scope).toBe('run');
    expect(m.body.runId).toBe('20250101T000000Z_Sample');
    expect(m.body.publicKey.fingerprint).toBe(key.fingerprint);
    expect(path).toBe(join(dir, 'manifest.json'));

    const r = await verifyRun(dir);
    expect(r).toMatchObject({ ok: true, changed: [], added: [], removed: [], notCovered: ['manifest.json'], signatureValid: true, keyFingerprint: key.fingerprint });
    expect(r.fileCount).toBe(paths.length);
  });

  it('the evidence manifest leaves the reports out and says so', async () => {
    const { dir } = makeRun();
    await writeManifest(dir, { key, scope: 'evidence' });
    mkdirSync(join(dir, 'lab-report'));
    writeFileSync(join(dir, 'lab-report', 'index.html'), 'new');
    const r = await verifyRun(dir, 'evidence');
    expect(r.ok).toBe(true);
    expect(r.scope).toBe('evidence');
    expect(r.notCovered).toEqual(['evidence-manifest.json', 'lab-report/index.html']);
    expect(readManifest(dir, 'evidence').body.files.some((f) => f.path.startsWith('lab-report/'))).toBe(false);
  });

  it('a report changed after signing fails: lab report HTML replaced, one byte of the PDF, the Allure HTML', async () => {
    const { dir } = makeRun();
    for (const d of ['lab-report', 'allure-report']) mkdirSync(join(dir, d));
    writeFileSync(join(dir, 'lab-report', 'index.html'), '<p>符合</p>');
    writeFileSync(join(dir, 'lab-report', 'report.pdf'), Buffer.from('%PDF-1.7 body'));
    writeFileSync(join(dir, 'allure-report', 'index.html'), '<html>allure</html>');
    await writeManifest(dir, { key });
    writeFileSync(join(dir, 'lab-report', 'index.html'), '<p>不符合</p>');
    const pdf = readFileSync(join(dir, 'lab-report', 'report.pdf'));
    pdf[pdf.length - 1] = pdf[pdf.length - 1]! ^ 1;
    writeFileSync(join(dir, 'lab-report', 'report.pdf'), pdf);
    writeFileSync(join(dir, 'allure-report', 'index.html'), '<html>forged</html>');
    const r = await verifyRun(dir);
    expect(r.ok).toBe(false);
    expect(r.changed).toEqual(['allure-report/index.html', 'lab-report/index.html', 'lab-report/report.pdf']);
  });

  it('one byte of a body changed is named', async () => {
    const { dir, bodySha } = await signedRun();
    const p = join(dir, 'bodies', bodySha);
    const bytes = readFileSync(p);
    bytes[3] = bytes[3]! ^ 1;
    writeFileSync(p, bytes);
    const r = await verifyRun(dir);
    expect(r.ok).toBe(false);
    expect(r.changed).toEqual([`bodies/${bodySha}`]);
    expect(r.signatureValid).toBe(true);
  });

  it('an added and a removed file are named', async () => {
    const { dir, bodySha } = await signedRun();
    writeFileSync(join(dir, 'bodies', 'extra'), 'planted');
    unlinkSync(join(dir, 'bodies', bodySha));
    appendFileSync(join(dir, 'flows.jsonl'), '\n');
    const r = await verifyRun(dir);
    expect(r.ok).toBe(false);
    expect(r.added).toEqual(['bodies/extra']);
    expect(r.removed).toEqual([`bodies/${bodySha}`]);
    expect(r.changed).toEqual(['flows.jsonl']);
  });

  it('a tampered manifest or signature is detected', async () => {
    const { dir } = await signedRun();
    const mPath = join(dir, 'manifest.json');
    const original = readFileSync(mPath, 'utf8');

    // Hiding a change by editing the listed hash breaks the signature.
    const m = JSON.parse(original);
    m.body.files[0].sha256 = '0'.repeat(64);
    writeFileSync(mPath, JSON.stringify(m));
    expect((await verifyRun(dir)).signatureValid).toBe(false);

    const s = JSON.parse(original);
    const sig = Buffer.from(s.signature.value, 'base64');
    sig[0] = sig[0]! ^ 0xff;
    s.signature.value = sig.toString('base64');
    writeFileSync(mPath, JSON.stringify(s));
    const r = await verifyRun(dir);
    expect(r.signatureValid).toBe(false);
    expect(r.ok).toBe(false);

    // Re-signing with another key is a valid signature naming another key: trust is verify's question (verify-cli.test.ts).
    const other = loadOrCreateSigningKey(tempDir('home'));
    writeFileSync(mPath, original);
    await writeManifest(dir, { key: other });
    const r2 = await verifyRun(dir);
    expect(r2.ok).toBe(true);
    expect(r2.keyFingerprint).not.toBe(key.fingerprint);
  });

  it('a missing manifest is a clear error', async () => {
    const { dir } = makeRun();
    await expect(verifyRun(dir)).rejects.toThrow(/manifest\.json: missing/);
    rmSync(dir, { recursive: true });
  });
});
