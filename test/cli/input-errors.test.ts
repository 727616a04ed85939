// Bad input of every kind (a usage error, a missing scenario, a broken catalog, HAR, waiver file or run
// directory) exits with the one input code --help documents, with one line naming the file or option.

import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/errors.ts';
import { EXIT, EXIT_CODE_MEANINGS } from '../../src/core/exit-codes.ts';
import { CatalogError } from '../../src/core/catalog-loader.ts';
import { UserError } from '../../src/cli/errors.ts';
import { RunDirError } from '../../src/evidence/run-reader.ts';
import { HarError } from '../../src/evidence/har-import.ts';
import { WaiverFileError } from '../../src/rules/waivers.ts';
import { ScenarioError } from '../../src/runner/load-scenario.ts';
import { FindingsInputError } from '../../src/report/findings-input.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const CLI = join(ROOT, 'bin/privlab.mjs');
const dir = mkdtempSync(join(tmpdir(), 'privlab-input-'));

function privlab(...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The command exits EXIT.input and its last stderr line names `what`. */
function expectInputError(r: ReturnType<typeof privlab>, what: RegExp): void {
  expect(r.status, r.stderr).toBe(EXIT.input);
  expect(r.stderr.trim().split('\n').at(-1)).toMatch(what);
}

describe('input errors', () => {
  it('--help lists every exit code of src/core/exit-codes.ts', () => {
    const help = privlab('--help');
    expect(help.status).toBe(EXIT.ok);
    const section = help.stdout.slice(help.stdout.indexOf('Exit codes:'));
    for (const { code, meaning } of EXIT_CODE_MEANINGS) expect(section).toContain(`${String(code).padEnd(4)}${meaning}`);
  });

  it('an unknown option or a missing argument', () => {
    expect(privlab('run', '--no-such-option').status).toBe(EXIT.input);
    expect(privlab('report').status).toBe(EXIT.input);
  });

  it('a scenario file that does not exist', () => {
    expectInputError(privlab('run', join(dir, 'missing.ts')), /missing\.ts: no such file/);
  });

  it('a broken catalog', () => {
    const config = join(dir, 'config');
    cpSync(join(ROOT, 'config'), config, { recursive: true });
    const file = join(config, 'pi-types.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('sensitive: false', 'sensitive: maybe'));
    expectInputError(privlab('categories', '--config-dir', config), /pi-types\.yaml: \/\d+\/sensitive must be boolean/);
  });

  it('a HAR file that is not JSON', () => {
    const har = join(dir, 'broken.har');
    writeFileSync(har, '{"log": {"entries": [ {"request": ');
    expectInputError(privlab('analyze', har, '--category', 'marriage_dating', '--out', join(dir, 'har-run')), /broken\.har: /);
  });

  it('a folder that is not a run directory', () => {
    expectInputError(privlab('report', dir), new RegExp(`${dir}`));
  });

  it('every input error class is an InputError with the input exit code', () => {
    const errors: InputError[] = [
      new UserError('--x: bad'),
      new CatalogError('c.yaml: bad', 'c.yaml'),
      new RunDirError('d', 'bad'),
      new HarError('h.har', 'bad'),
      new WaiverFileError('w.yaml: bad', 'w.yaml'),
      new ScenarioError('s.ts', 'bad'),
      new FindingsInputError('f.json', 'bad'),
    ];
    for (const e of errors) {
      expect(e).toBeInstanceOf(InputError);
      expect([e.name, e.exitCode]).toEqual([e.constructor.name, EXIT.input]);
    }
  });
});
