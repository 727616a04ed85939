// privlab init: the lab folder it makes, what it leaves alone, and its errors. The full round trip
// (packed tarball, npm install, privlab run of the example) is test/e2e/lab-package.test.ts.

import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { initLab } from '../../src/cli/lab-init.ts';
import { loadUserConfig } from '../../src/cli/user-config.ts';
import { findCategory, loadCatalogs } from '../../src/core/catalog-loader.ts';
import { expandPersona, templatedFields } from '../../src/core/persona-template.ts';
import { loadPersonaFile } from '../../src/runner/load-scenario.ts';

const LAB_FILES = ['.github/workflows/privlab.yml', '.gitignore', 'package.json', 'personas/tester.yaml', 'privlab.config.yaml', 'scenarios/example/scenario.ts'];
const tmp = () => mkdtempSync(join(tmpdir(), 'privlab-init-'));
const json = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as Record<string, any>;

describe('privlab init', () => {
  it('makes a lab folder whose config validates and whose persona and scenario name real catalog entries', () => {
    const dir = join(tmp(), 'Acme Lab');
    const r = initLab(dir, { privlabSpec: '^9.9.9' });
    expect(r.written.sort()).toEqual(LAB_FILES);
    expect(r.kept).toEqual([]);
    const pkg = json(join(dir, 'package.json'));
    expect(pkg).toMatchObject({ name: 'acme-lab', private: true, type: 'module', dependencies: { privlab: '^9.9.9' } });
    expect(pkg.scripts.test).toBe('privlab run scenarios/example/scenario.ts');
    expect(loadUserConfig(join(dir, 'privlab.config.yaml'))).toMatchObject({ capture: 'embedded', failOn: 'high' });
    const persona = parseYaml(readFileSync(join(dir, 'personas/tester.yaml'), 'utf8'));
    for (const key of ['name', 'phone', 'idNumber', 'password']) expect(typeof persona[key], key).toBe('string');
    // A template: each variant registers its own account, and the loader accepts its placeholders.
    const loaded = loadPersonaFile(join(dir, 'personas/tester.yaml'));
    expect(templatedFields(loaded)).toEqual(['username', 'email']);
    const emails = (['accept-all', 'refuse-policy'] as const).map((variant) => expandPersona(loaded, { variant, runId: 'r' }).persona.email);
    expect(emails[0]).not.toBe(emails[1]);
    const scenario = readFileSync(join(dir, 'scenarios/example/scenario.ts'), 'utf8');
    expect(scenario).toContain("from 'privlab'");
    const category = /category: '([a-z_]+)'/.exec(scenario)?.[1];
    expect(() => findCategory(loadCatalogs(), category!)).not.toThrow();
    expect(readFileSync(join(dir, '.gitignore'), 'utf8')).toMatch(/^reports\/$/m);
  });

  it('leaves existing files alone and only adds to the package.json npm install left', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ dependencies: { privlab: 'file:privlab-0.1.0.tgz' } }));
    writeFileSync(join(dir, 'privlab.config.yaml'), 'lab: Mine\n');
    const r = initLab(dir);
    expect(r.kept).toEqual(['privlab.config.yaml']);
    expect(readFileSync(join(dir, 'privlab.config.yaml'), 'utf8')).toBe('lab: Mine\n');
    const pkg = json(join(dir, 'package.json'));
    expect(pkg.dependencies).toEqual({ privlab: 'file:privlab-0.1.0.tgz' });
    expect(pkg.type).toBe('module');
    const again = initLab(dir);
    expect(again.written).toEqual([]);
    expect(again.kept).toContain('package.json');
    expect(again.warnings).toEqual([]);

    const cjs = tmp();
    writeFileSync(join(cjs, 'package.json'), JSON.stringify({ type: 'commonjs' }));
    expect(initLab(cjs).warnings).toEqual([`${join(cjs, 'package.json')} has "type": "commonjs"; scenarios are ES modules: name them .mts or set "type": "module"`]);
  });

  it('names the file when package.json is broken, and refuses a file as the lab folder', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'package.json'), '{ "name": ');
    expect(() => initLab(dir)).toThrow(`${join(dir, 'package.json')}: not valid JSON`);
    writeFileSync(join(dir, 'afile'), 'x');
    expect(() => initLab(join(dir, 'afile'))).toThrow('is a file, not a folder');
    expect(existsSync(join(dir, 'afile', 'privlab.config.yaml'))).toBe(false);
  });
});
