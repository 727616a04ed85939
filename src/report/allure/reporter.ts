// Allure as a report format: results from the run directory, then the HTML report (allure-commandline).

import { join } from 'node:path';
import { RUN_FILES } from '../../evidence/run-layout.ts';
import type { Reporter } from '../reporter.ts';
import { generateAllureHtml } from './generate.ts';
import { previousRunHistory } from './previous-history.ts';
import { writeAllureResults } from './write-results.ts';

export const allureReporter: Reporter = {
  name: 'Allure',
  async write(runDir, ctx) {
    ctx.onProgress('report: writing Allure results');
    const results = await writeAllureResults(runDir, { redact: ctx.redact });
    ctx.onProgress('report: generating Allure HTML (allure-commandline)');
    const report = await generateAllureHtml(results, join(runDir, RUN_FILES.allureReport), {
      singleFile: ctx.singleFile,
      history: ctx.history,
      earlierHistory: previousRunHistory(runDir),
    });
    return { files: [{ label: 'Allure results', path: results }, { label: 'Allure report', path: join(report, 'index.html') }] };
  },
};
