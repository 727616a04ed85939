// Allure's class-data archive (generate.ts): the first report on a machine makes it, the next maps it,
// and both reports hold the same test cases; a lab's own JAVA_OPTS get no archive.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { generateAllureHtml, writeAllureResults } from '../../src/report/allure/index.ts';
import { tempDirs } from '../temp-dirs.ts';
import { makeRunDir } from './run-fixture.ts';

const tempDir = tempDirs('allure-cds');
const saved = { home: process.env.PRIVLAB_HOME, javaOpts: process.env.JAVA_OPTS };

afterEach(() => {
  for (const [name, value] of [['PRIVLAB_HOME', saved.home], ['JAVA_OPTS', saved.javaOpts]] as const) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

/** Name and status of every test case in a generated report, sorted. */
function cases(reportDir: string): string[] {
  const dir = join(reportDir, 'data', 'test-cases');
  return readdirSync(dir)
    .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as { name: string; status: string })
    .map((tc) => `${tc.status} ${tc.name}`)
    .sort();
}

const cacheFiles = (home: string): string[] => readdirSync(join(home, 'cache')).filter((f) => f.startsWith('allure-classes-'));

describe('Allure class-data archive', () => {
  it('is made by the first report, mapped by the next, and the reports agree', async () => {
    const home = tempDir();
    process.env.PRIVLAB_HOME = home;
    delete process.env.JAVA_OPTS;
    const fx = await makeRunDir({ root: tempDir() });
    const results = await writeAllureResults(fx.dir);
    const first = await generateAllureHtml(results, join(tempDir(), 'report'));
    const archives = cacheFiles(home);
    // One finished archive, no temporary file left behind.
    expect(archives).toHaveLength(1);
    expect(archives[0]).toMatch(/^allure-classes-[0-9a-f]{16}\.jsa$/);
    const second = await generateAllureHtml(results, join(tempDir(), 'report'));
    expect(cacheFiles(home)).toEqual(archives);
    const firstCases = cases(first);
    expect(firstCases.length).toBeGreaterThan(0);
    expect(cases(second)).toEqual(firstCases);
  });

  it('is left alone when the lab sets its own JAVA_OPTS', async () => {
    const home = tempDir();
    process.env.PRIVLAB_HOME = home;
    process.env.JAVA_OPTS = '-XX:+UseSerialGC';
    const fx = await makeRunDir({ root: tempDir() });
    const report = await generateAllureHtml(await writeAllureResults(fx.dir), join(tempDir(), 'report'));
    expect(cases(report).length).toBeGreaterThan(0);
    expect(readdirSync(home).includes('cache') ? cacheFiles(home) : []).toEqual([]);
  });
});
