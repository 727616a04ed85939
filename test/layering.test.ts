// The layering rules of .dependency-cruiser.cjs catch a backward import (fixtures), and the repository
// itself has none.

import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { cruise, type ICruiseOptions, type ICruiseResult, type IForbiddenRuleType } from 'dependency-cruiser';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const config = createRequire(import.meta.url)('../.dependency-cruiser.cjs') as {
  forbidden: IForbiddenRuleType[];
  options: ICruiseOptions & { tsConfig?: unknown };
};

/** Violations as "rule: from -> to", cruising `dirs` under baseDir with the project's rules. */
async function violations(baseDir: string, dirs: string[]): Promise<string[]> {
  // The fixtures have no tsconfig of their own; the project's options are otherwise used as they are.
  const { tsConfig: _tsConfig, ...options } = config.options;
  const out = await cruise(dirs, { ...options, baseDir, validate: true, ruleSet: { forbidden: config.forbidden } });
  const result = out.output as ICruiseResult;
  return result.summary.violations.map((v) => `${v.rule.name}: ${v.from} -> ${v.to}`).sort();
}

const fixture = (name: string) => fileURLToPath(new URL(`fixtures/layering/${name}`, import.meta.url));

describe('import layering (dependency-cruiser)', () => {
  it('fails on backward imports, type-only ones included', async () => {
    expect(await violations(fixture('backward'), ['src', 'drivers'])).toEqual([
      'layer-analysis: src/analysis/observe.ts -> src/report/output.ts',
      'layer-core: src/core/finding.ts -> src/rules/engine.ts',
      'layer-drivers: drivers/fake/fake-driver.ts -> src/rules/engine.ts',
    ]);
  });

  it('passes imports that follow the flow', async () => {
    expect(await violations(fixture('clean'), ['src'])).toEqual([]);
  });

  it('passes on this repository', async () => {
    expect(await violations(root, ['src', 'drivers'])).toEqual([]);
  }, 120_000);
});
