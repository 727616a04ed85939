import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { register } from '../../src/cli/commands/export-har.ts';
import { runCli } from './cli.ts';
import { makeRun, tempDir } from './helpers.ts';

describe('privlab export-har', () => {
  it('writes the filtered HAR to -o', async () => {
    const { dir } = makeRun();
    const out = join(tempDir('cli'), 'reg.har');
    const r = await runCli(register, ['export-har', dir, '--phase', 'register', '--variant', 'accept-all', '-o', out]);
    expect(r.code).toBe(0);
    expect(r.out).toBe(`wrote ${out}\n`);
    const har = JSON.parse(readFileSync(out, 'utf8'));
    expect(har.log.entries).toHaveLength(1);
    expect(existsSync(`${out}.tmp`)).toBe(false);
  });

  it('rejects an unknown phase and a folder that is not a run, in one line', async () => {
    const { dir } = makeRun();
    const bad = await runCli(register, ['export-har', dir, '--phase', 'checkout']);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--phase checkout: unknown phase; use one of register, login, verify, delete/);
    const notRun = await runCli(register, ['export-har', tempDir('empty'), '-o', join(tempDir('o'), 'x.har')]);
    expect(notRun.code).toBe(2);
    expect(notRun.err).toMatch(/run\.json: missing/);
  });
});
