// The report number from the lab's scheme in privlab.config.yaml (report.number), e.g.
// "SZLAB-{yyyy}{mm}{dd}-{app}-{hash6}". The same run always gets the same number.

import { createHash } from 'node:crypto';
import type { RunInfo } from '../../core/run.ts';

const DEFAULT_REPORT_NUMBER = 'PL-{yyyy}{mm}{dd}-{hash6}';

/** Placeholders a scheme may use (the config schema allows only these). */
const REPORT_NUMBER_FIELDS = ['yyyy', 'mm', 'dd', 'app', 'category', 'hash6', 'run'] as const;
type Field = (typeof REPORT_NUMBER_FIELDS)[number];

export function reportNumber(run: RunInfo, scheme = DEFAULT_REPORT_NUMBER): string {
  const day = (run.startedAt.match(/^(\d{4})-(\d{2})-(\d{2})/) ?? []).slice(1);
  const values: Record<Field, string> = {
    yyyy: day[0] ?? '0000',
    mm: day[1] ?? '00',
    dd: day[2] ?? '00',
    app: run.target.name.replace(/[^\p{L}\p{N}]+/gu, '').toUpperCase() || 'APP',
    category: run.target.category,
    // A digest of the run id: unique per run without a counter to keep in sync.
    hash6: createHash('sha256').update(run.id).digest('hex').slice(0, 6).toUpperCase(),
    run: run.id,
  };
  return scheme.replace(/\{(\w+)\}/g, (whole, k: string) => ((REPORT_NUMBER_FIELDS as readonly string[]).includes(k) ? values[k as Field] : whole));
}
