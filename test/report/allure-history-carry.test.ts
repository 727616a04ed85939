// Allure HTML is made beside the report folder and swapped in (generate.ts): a failed generate keeps the
// earlier report, and an earlier run's history that cannot be read is left out rather than failing the
// report (a batch once read a sibling run's history-trend.json while that report was being written).

import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { generateAllureHtml, writeAllureResults } from '../../src/report/allure/index.ts';
import { tempDirs } from '../temp-dirs.ts';
import { makeRunDir } from './run-fixture.ts';

const tempDir = tempDirs('allure-history');
const savedJavaOpts = process.env.JAVA_OPTS;

afterEach(() => {
  if (savedJavaOpts === undefined) delete process.env.JAVA_OPTS;
  else process.env.JAVA_OPTS = savedJavaOpts;
});

const trendPoints = (report: string): number => (JSON.parse(readFileSync(join(report, 'history', 'history-trend.json'), 'utf8')) as unknown[]).length;
/** Anything generate left beside the report folder besides the report itself. */
const leftovers = (report: string): string[] => readdirSync(dirname(report)).filter((f) => f !== 'report');

async function results(): Promise<string> {
  return writeAllureResults((await makeRunDir({ root: tempDir() })).dir);
}

describe('Allure report replaced in place', () => {
  it('carries its own history on and leaves nothing beside it', async () => {
    const report = join(tempDir(), 'report');
    await generateAllureHtml(await results(), report);
    expect(trendPoints(report)).toBe(1);
    await generateAllureHtml(await results(), report);
    expect(trendPoints(report)).toBe(2);
    expect(leftovers(report)).toEqual([]);
  });

  it('keeps the earlier report when allure generate fails', async () => {
    const report = join(tempDir(), 'report');
    await generateAllureHtml(await results(), report);
    const before = readFileSync(join(report, 'index.html'), 'utf8');
    process.env.JAVA_OPTS = '-XX:+NoSuchJvmOption';
    await expect(generateAllureHtml(await results(), report)).rejects.toThrow(/allure generate .* failed/);
    expect(readFileSync(join(report, 'index.html'), 'utf8')).toBe(before);
    expect(trendPoints(report)).toBe(1);
    expect(leftovers(report)).toEqual([]);
  });
});

describe('an unreadable history', () => {
  async function brokenHistory(): Promise<string> {
    const earlier = join(tempDir(), 'report');
    await generateAllureHtml(await results(), earlier);
    const trend = join(earlier, 'history', 'history-trend.json');
    writeFileSync(trend, readFileSync(trend, 'utf8').slice(0, 20)); // cut as a report being written would be
    return join(earlier, 'history');
  }

  it("is left out when it is an earlier run's", async () => {
    const report = join(tempDir(), 'report');
    await generateAllureHtml(await results(), report, { earlierHistory: await brokenHistory() });
    expect(trendPoints(report)).toBe(1);
    expect(existsSync(join(report, 'index.html'))).toBe(true);
  });

  it('is an error naming the file when the user gave it', async () => {
    const history = await brokenHistory();
    const report = join(tempDir(), 'report');
    await expect(generateAllureHtml(await results(), report, { history })).rejects.toThrow(
      new RegExp(`${join(history, 'history-trend.json').replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: not a readable Allure history`),
    );
    expect(existsSync(report)).toBe(false);
  });
});
