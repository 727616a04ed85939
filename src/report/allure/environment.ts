// environment.properties: what was tested with what, as Allure's Environment widget shows it.

import type { EnvironmentInfo } from 'allure-js-commons/sdk';
import type { ReportData } from '../report-data.ts';
import { categoryLabel } from '../category-label.ts';

export function allureEnvironment(data: ReportData): EnvironmentInfo {
  const { run } = data;
  const env: EnvironmentInfo = {
    app: run.target.name,
    version: run.target.version ?? 'unknown',
    category: categoryLabel(data.catalogs, run.target.category, 'en'),
    platform: run.target.platform,
    'capture engine': run.engine,
    driver: run.driver ?? 'none',
    variants: run.variants.join(', '),
    'privlab version': run.privlabVersion,
    'run id': run.id,
    'run complete': run.complete ? 'yes' : `NO${run.incompleteReason ? ` (${run.incompleteReason})` : ''}`,
  };
  // Device and browser versions as the driver reported them.
  for (const [k, v] of Object.entries(run.tools)) env[k] = v;
  if (data.manifestSha256) env['manifest sha256'] = data.manifestSha256;
  return env;
}
