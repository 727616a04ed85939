// Batch plans: what a plan file and a folder become, and the one-line errors a bad plan gets.

import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultParallel, RUN_MEMORY_BYTES } from '../../src/cli/batch/capacity.ts';
import { loadPlan } from '../../src/cli/batch/plan.ts';
import { BatchProgress } from '../../src/cli/batch/progress.ts';

function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'privlab-plan-'));
  for (const [name, body] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), body);
  }
  return dir;
}

describe('batch plan', () => {
  it('resolves paths against the plan file, names entries and applies defaults', () => {
    const dir = folder({ 'apps/shop/scenario.ts': '', 'cap/x.har': '{}', 'plan.yaml': 'variants: [accept-all]\nruns:\n  - scenario: apps/shop/scenario.ts\n  - har: cap/x.har\n    category: online_shopping\n' });
    const plan = loadPlan(join(dir, 'plan.yaml'));
    expect(plan.out).toBe(join(dir, 'reports/batch/plan'));
    expect(plan.entries).toEqual([
      { name: 'shop', kind: 'scenario', scenario: join(dir, 'apps/shop/scenario.ts'), variants: ['accept-all'] },
      { name: 'x', kind: 'har', har: join(dir, 'cap/x.har'), category: 'online_shopping', firstParty: [] },
    ]);
    expect(plan.settings).toEqual({ capture: 'embedded', driver: 'playwright', pdf: true, lang: 'zh' });
  });

  it('names the file and the problem of a bad plan', () => {
    const dir = folder({
      'unknown.yaml': 'runs:\n  - scenario: a.ts\n    colour: red\n',
      'neither.yaml': 'runs:\n  - name: x\n',
      'missing.yaml': 'runs:\n  - scenario: nope/scenario.ts\n',
      'twice.yaml': 'runs:\n  - har: a.har\n    category: c\n  - har: a.har\n    category: c\n',
      'a.har': '{}',
      'broken.yaml': 'runs: [',
    });
    expect(() => loadPlan(join(dir, 'unknown.yaml'))).toThrow(/unknown\.yaml: not a batch plan: \/runs\/0 has an unknown field "colour"/);
    expect(() => loadPlan(join(dir, 'neither.yaml'))).toThrow(/neither\.yaml: not a batch plan: .*(scenario|har)/);
    expect(() => loadPlan(join(dir, 'missing.yaml'))).toThrow(/missing\.yaml: runs\[0\]: nope\/scenario\.ts not found/);
    expect(() => loadPlan(join(dir, 'twice.yaml'))).toThrow(/twice\.yaml: two runs are named "a"/);
    expect(() => loadPlan(join(dir, 'broken.yaml'))).toThrow(/broken\.yaml: not valid YAML/);
    expect(() => loadPlan(join(dir, 'absent.yaml'))).toThrow(/absent\.yaml: no such plan file or folder/);
  });

  it('a folder takes <app>/scenario.ts, and .har files only with a category', () => {
    const dir = folder({ 'b/scenario.ts': '', 'a/scenario.ts': '', 'notes/readme.md': '', 'c.har': '{}' });
    expect(() => loadPlan(dir)).toThrow(/c\.har: a HAR file says nothing about the app's category; add --category/);
    const plan = loadPlan(dir, { category: 'local_life', variants: ['refuse-policy'] });
    expect(plan.entries.map((e) => `${e.kind}:${e.name}`)).toEqual(['scenario:a', 'scenario:b', 'har:c']);
    expect(plan.entries[0]).toMatchObject({ variants: ['refuse-policy'] });
  });
});

describe('batch capacity and progress', () => {
  it('one run per core, as far as free memory allows, at least one', () => {
    expect(defaultParallel(2, 8 * RUN_MEMORY_BYTES)).toBe(2);
    expect(defaultParallel(8, 3.5 * RUN_MEMORY_BYTES)).toBe(3);
    expect(defaultParallel(4, 0.2 * RUN_MEMORY_BYTES)).toBe(1);
  });

  it('tells done, running, failed and the time left from the runs finished so far', () => {
    const p = new BatchProgress(5, 2);
    p.skip();
    p.start();
    p.start();
    expect(p.line()).toBe('batch: 1/5 done (1 already before), 2 running, 0 failed, time left unknown until a run ends');
    p.finish(true, 60_000);
    p.finish(false, 120_000);
    // 2 left, 2 at a time, 90 s a run on average
    expect(p.line()).toBe('batch: 2/5 done (1 already before), 0 running, 1 failed, about 1m30s left');
  });
});
