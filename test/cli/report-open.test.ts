// `privlab report <run-dir> --open` serves the report that is there: nothing is analysed, rebuilt or
// signed again, so a reviewer can look without changing the run directory.

import { spawn } from 'node:child_process';
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeRunDir } from '../report/run-fixture.ts';

const ROOT = resolve(import.meta.dirname, '../..');

describe('privlab report --open', () => {
  it('serves the existing Allure report on 127.0.0.1 without rebuilding anything', async () => {
    const fx = await makeRunDir();
    const report = join(fx.dir, 'allure-report');
    mkdirSync(report);
    writeFileSync(join(report, 'index.html'), '<!doctype html><title>existing report</title>');
    const findingsMtime = statSync(join(fx.dir, 'findings.json')).mtimeMs;

    const child = spawn(process.execPath, [join(ROOT, 'bin/privlab.mjs'), 'report', fx.dir, '--open'], { cwd: ROOT });
    let out = '';
    let err = '';
    child.stderr.on('data', (b: Buffer) => (err += b.toString()));
    try {
      const url = await new Promise<string>((ok, fail) => {
        child.stdout.on('data', (b: Buffer) => {
          out += b.toString();
          const m = /served at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
          if (m) ok(m[1]!);
        });
        child.once('exit', (code) => fail(new Error(`exited ${code}: ${out}${err}`)));
      });
      expect(await (await fetch(url)).text()).toContain('existing report');
      // Nothing was analysed, written or signed.
      expect(err).not.toMatch(/analysis|report: writing/);
      expect(statSync(join(fx.dir, 'findings.json')).mtimeMs).toBe(findingsMtime);
      expect(() => statSync(join(fx.dir, 'manifest.json'))).toThrow();
    } finally {
      child.kill('SIGTERM');
    }
  });
});
