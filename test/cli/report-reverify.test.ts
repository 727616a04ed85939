// `privlab report` on a signed run: re-reporting intact evidence signs everything last (verify passes,
// Allure history included); changed captured evidence is refused unless overridden, and the override
// is recorded in run.json and on the lab report cover.

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { register as registerReport } from '../../src/cli/commands/report.ts';
import { register as registerVerify } from '../../src/cli/commands/verify.ts';
import type { RunInfo } from '../../src/core/run.ts';
import { runCli } from '../evidence/cli.ts';
import { makeRun, tempDir } from '../evidence/helpers.ts';

const savedHome = process.env.PRIVLAB_HOME;
beforeAll(() => {
  process.env.PRIVLAB_HOME = tempDir('home');
});
afterAll(() => {
  if (savedHome === undefined) delete process.env.PRIVLAB_HOME;
  else process.env.PRIVLAB_HOME = savedHome;
});

describe('privlab report on a signed run', () => {
  it('intact: reports twice, and verify passes after each (signed after Allure wrote its history)', async () => {
    const { dir } = makeRun();
    for (let i = 0; i < 2; i++) {
      const r = await runCli(registerReport, ['report', dir, '--no-pdf', '--lang', 'en']);
      expect(r.code, r.err).toBe(0);
      const v = await runCli(registerVerify, ['verify', dir]);
      expect(v.code, v.out).toBe(0);
    }
    const m = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { body: { files: Array<{ path: string }> } };
    const paths = m.body.files.map((f) => f.path);
    expect(paths).toContain('lab-report/lab-report.en.html');
    expect(paths).toContain('allure-report/index.html');
    expect(paths).toContain('evidence-manifest.json');
    expect(paths.some((p) => p.startsWith('allure-results/history/'))).toBe(true);
  }, 120_000);

  it('a changed body makes report refuse (exit 1) naming it; --accept-changed-evidence reports and records why', async () => {
    const { dir, flows } = makeRun();
    expect((await runCli(registerReport, ['report', dir, '--no-pdf'])).code).toBe(0);
    const sha = flows[0]!.request.body!.sha256;
    writeFileSync(join(dir, 'bodies', sha), '{"phone":"13900000000"}');

    const refused = await runCli(registerReport, ['report', dir, '--no-pdf']);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('its captured evidence is not as signed');
    expect(refused.err).toContain(`changed: bodies/${sha}`);
    const before = readFileSync(join(dir, 'manifest.json'), 'utf8');

    const forced = await runCli(registerReport, ['report', dir, '--no-pdf', '--lang', 'en', '--accept-changed-evidence', 'body re-exported by the lab']);
    expect(forced.code, forced.err).toBe(0);
    expect(readFileSync(join(dir, 'manifest.json'), 'utf8')).not.toBe(before);
    const info = JSON.parse(readFileSync(join(dir, 'run.json'), 'utf8')) as RunInfo;
    expect(info.evidenceOverrides).toHaveLength(1);
    expect(info.evidenceOverrides![0]).toMatchObject({ reason: 'body re-exported by the lab', problems: [`changed: bodies/${sha}`] });
    const cover = readFileSync(join(dir, 'lab-report', 'lab-report.en.html'), 'utf8');
    expect(cover).toContain('body re-exported by the lab');
    expect(cover).toContain(`bodies/${sha}`);
  }, 120_000);

  it('a run re-signed by an unpinned key is refused', async () => {
    const { dir } = makeRun();
    expect((await runCli(registerReport, ['report', dir, '--no-pdf'])).code).toBe(0);
    const { writeManifest } = await import('../../src/evidence/manifest.ts');
    const { loadOrCreateSigningKey } = await import('../../src/evidence/signing-key.ts');
    await writeManifest(dir, { key: loadOrCreateSigningKey(tempDir('forger')) });
    const r = await runCli(registerReport, ['report', dir, '--no-pdf']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/is not a pinned key/);
  }, 120_000);
});
