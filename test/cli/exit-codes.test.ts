// Exit codes: the README table, --help and what the commands really return all say the same thing.

import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { EXIT, EXIT_CODE_MEANINGS } from '../../src/core/exit-codes.ts';
import type { FindingsFile } from '../../src/core/rule.ts';
import { makeRunDir } from '../report/run-fixture.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const CLI = join(ROOT, 'bin/privlab.mjs');

function privlab(...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

let oldRun: string;
let newFindings: string;

beforeAll(async () => {
  oldRun = (await makeRunDir()).dir;
  const f = JSON.parse(readFileSync(join(oldRun, 'findings.json'), 'utf8')) as FindingsFile;
  const first = f.findings.find((x) => !x.waived)!;
  f.findings.push({ ...first, id: `${first.ruleId}:${first.phase}:new_in_this_version`, severity: 'medium' });
  const dir = join(oldRun, '..', 'next');
  mkdirSync(dir);
  newFindings = join(dir, 'findings.json');
  writeFileSync(newFindings, JSON.stringify(f));
});

describe('exit codes', { timeout: 120_000 }, () => {
  it('README lists exactly the codes of src/core/exit-codes.ts', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## Exit codes'));
    const rows = [...section.slice(0, section.indexOf('\n## ', 5)).matchAll(/^\| (\d+) \| (.+) \|$/gm)].map((m) => ({ code: Number(m[1]), meaning: m[2] }));
    expect(rows).toEqual(EXIT_CODE_MEANINGS.map((r) => ({ code: r.code, meaning: r.meaning })));
  });

  it('--help of report and diff gives the code --fail-on really returns', () => {
    expect(privlab('report', '--help').stdout).toMatch(new RegExp(`--fail-on <severity>\\s+exit ${EXIT.findings} when`));
    expect(privlab('diff', '--help').stdout).toMatch(new RegExp(`exit ${EXIT.findings} when a new`));
  });

  it('diff --fail-on returns 3 only for a new finding at or above the severity', () => {
    const gate = privlab('diff', oldRun, newFindings, '--fail-on', 'medium');
    expect(gate.stdout).toMatch(/^new: 1, resolved: 0, not re-tested: 0, unchanged: \d+/);
    expect(gate.status).toBe(EXIT.findings);
    expect(privlab('diff', oldRun, newFindings, '--fail-on', 'high').status).toBe(EXIT.ok);
    expect(privlab('diff', oldRun, oldRun, '--fail-on', 'info').status).toBe(EXIT.ok);
  });

  it('a missing or broken findings file is an input error naming the file', () => {
    const missing = privlab('diff', oldRun, '/nonexistent/findings.json');
    expect(missing.status).toBe(EXIT.input);
    expect(missing.stderr).toMatch(/\/nonexistent\/findings\.json: no such file/);
    const broken = join(oldRun, '..', 'broken.json');
    writeFileSync(broken, '{"schemaVersion": 1}');
    const bad = privlab('diff', broken, oldRun);
    expect(bad.status).toBe(EXIT.input);
    expect(bad.stderr).toMatch(/broken\.json: not a findings file/);
  });
});
