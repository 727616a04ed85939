// The privlab command as a user meets it: help, the categories listing, and one-line errors that name
// the file and the problem, with a non-zero exit.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const CLI = join(ROOT, 'bin/privlab.mjs');
const dir = mkdtempSync(join(tmpdir(), 'privlab-cli-'));
// Scenarios are ES modules: a lab's scenario folder declares it, as this repository does.
writeFileSync(join(dir, 'package.json'), '{"type":"module"}\n');

function privlab(...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function scenario(name: string, body: string): string {
  const file = join(dir, name);
  writeFileSync(file, body);
  return file;
}

const TARGET = (category: string) =>
  `export default { target: { name: 'X', category: '${category}', platform: 'web', url: 'https://x.test/', firstParty: ['x.test'] },
     persona: { name: '张三', phone: '13900000000', idNumber: '110105199003071234', password: 'p' },
     async register() {} };`;

describe('privlab CLI', () => {
  it('lists every subcommand in --help', () => {
    const r = privlab('--help');
    expect(r.status).toBe(0);
    for (const c of ['run', 'demo', 'report', 'capture', 'mark', 'analyze', 'inspect', 'categories', 'verify', 'export-har', 'doctor']) {
      expect(r.stdout).toMatch(new RegExp(`^  ${c} `, 'm'));
    }
  });

  it('prints all 39 categories as JSON; marriage_dating needs phone, gender, age and marital status', () => {
    const r = privlab('categories', '--json');
    expect(r.status).toBe(0);
    const cats = JSON.parse(r.stdout) as Array<{ slug: string; necessaryPi: Array<{ piType: string }> }>;
    expect(cats).toHaveLength(39);
    const dating = cats.find((c) => c.slug === 'marriage_dating')!;
    expect(dating.necessaryPi.map((p) => p.piType).sort()).toEqual(['age', 'gender', 'marital_status', 'phone_number']);
  });

  it('a scenario with a syntax error: one line naming the file, non-zero exit', () => {
    const file = scenario('broken.ts', 'export default { target: { name: ');
    const r = privlab('run', file, '--no-report');
    expect(r.status).not.toBe(0);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(file);
    expect(lines[0]).toMatch(/cannot be loaded: line 1, column \d+: /);
  });

  it('an unknown category: one line naming the file and suggesting the right slug', () => {
    const file = scenario('unknown-category.ts', TARGET('dating'));
    const r = privlab('run', file, '--no-report');
    expect(r.status).not.toBe(0);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(file);
    expect(lines[0]).toContain('unknown category "dating"');
    expect(lines[0]).toContain('marriage_dating');
  });

  it('a scenario missing its target fields says which one', () => {
    const file = scenario('no-url.ts', TARGET('marriage_dating').replace("url: 'https://x.test/', ", ''));
    const r = privlab('run', file, '--no-report');
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain(`${file}: target.url is required for a web target`);
  });

  it('report on a folder that is not a run directory says so', () => {
    const r = privlab('report', dir);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('run.json');
  });

  it('an unknown variant is refused with the list of valid ones', () => {
    const r = privlab('run', 'scenarios/demo/linyu/scenario.ts', '--variants', 'accept-some', '--no-report');
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('accept-all, refuse-optional, refuse-biometric, refuse-policy');
  });
});
