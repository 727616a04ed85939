// executor.json: who made the results. Allure's Trend shows its build name, and numbers the point by
// its build order (set when the HTML is generated, from the history carried on).

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunInfo } from '../../core/run.ts';

export const EXECUTOR_FILE = 'executor.json';

export function writeExecutor(resultsDir: string, run: RunInfo): void {
  const executor = { name: 'privlab', type: 'privlab', buildName: run.id, reportName: `${run.target.name} ${run.target.version ?? ''}`.trim() };
  writeFileSync(join(resultsDir, EXECUTOR_FILE), JSON.stringify(executor));
}
