// Each report format is one module behind the Reporter interface: run on a run directory alone, it
// writes the files it says it wrote, and the pipeline runs every format of the list.

import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildReports } from '../../src/cli/pipeline.ts';
import type { ReportContext } from '../../src/report/reporter.ts';
import { REPORTERS } from '../../src/report/reporters.ts';
import { makeRunDir } from './run-fixture.ts';

const quiet: ReportContext = { lang: 'en', pdf: false, onProgress: () => {} };

describe('report formats', () => {
  it('each writes the files it lists', async () => {
    const { dir } = await makeRunDir();
    for (const reporter of REPORTERS) {
      const out = await reporter.write(dir, quiet);
      expect(out.files.length, reporter.name).toBeGreaterThan(0);
      for (const f of out.files) expect(existsSync(f.path), `${reporter.name}: ${f.label} ${f.path}`).toBe(true);
    }
  }, 120_000);

  it('the pipeline runs every format in order and times each', async () => {
    const { dir } = await makeRunDir();
    const r = await buildReports(dir, { lang: 'en', pdf: false });
    expect(r.reports).toHaveLength(REPORTERS.length);
    const laps = r.timings.map((t) => t.stage);
    for (const reporter of REPORTERS) expect(laps).toContain(reporter.name);
    expect(r.reports.flatMap((x) => x.files.map((f) => f.label))).toEqual(['Allure results', 'Allure report', 'lab report']);
  }, 120_000);
});
