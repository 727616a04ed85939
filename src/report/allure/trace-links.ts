// Links from an Allure case to the Playwright traces of its variants. The traces stay in the run
// directory: they hold what was typed, secrets included, so the report links to them and never
// copies them in (a redacted report stays redacted).

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Link } from 'allure-js-commons';
import { traceFile } from '../../evidence/run-layout.ts';

/** URLs are relative to allure-report/index.html, which sits in the run directory. */
export function traceLinks(runDir: string, variants: readonly string[]): Link[] {
  return variants
    .filter((v) => existsSync(join(runDir, traceFile(v))))
    .map((v) => ({ name: `Playwright trace, ${v}: npx playwright show-trace ${traceFile(v)}`, url: `../${traceFile(v)}`, type: 'link' }));
}
