// Batch throughput and summary speed, measured: the four sample apps and two HAR imports run by
// `privlab batch` at 1 and at 2 parallel runs (apps per hour), the second invocation (nothing to redo),
// then `summarize` over 1000 run directories synthesised from the real ones.
// Run: npm run bench:batch   (PRIVLAB_BENCH_VARIANTS=all for every variant; default accept-all)

import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { VARIANTS } from '../src/core/phase.ts';
import type { FindingsFile } from '../src/core/rule.ts';
import type { RunInfo } from '../src/core/run.ts';
import { RUN_FILES } from '../src/evidence/run-layout.ts';
import { summarize } from '../src/report/summary/summarize.ts';

const ROOT = resolve(import.meta.dirname, '..');
const variants: string[] = process.env.PRIVLAB_BENCH_VARIANTS === 'all' ? [...VARIANTS] : ['accept-all'];
const work = mkdtempSync(join(tmpdir(), 'privlab-bench-batch-'));
const apps = readdirSync(join(ROOT, 'scenarios/demo'), { withFileTypes: true }).filter((d) => d.isDirectory() && d.name !== 'shared' && d.name !== 'assets').map((d) => d.name);
const hars = [
  { name: 'chrome', category: 'marriage_dating' },
  { name: 'charles', category: 'online_community' },
];

function plan(store: string): string {
  const file = join(work, `${store}.yaml`);
  const lines = [`out: ${store}`, 'pdf: false', `variants: [${variants.join(', ')}]`, 'runs:'];
  for (const a of apps) lines.push(`  - scenario: ${join(ROOT, 'scenarios/demo', a, 'scenario.ts')}`);
  for (const h of hars) lines.push(`  - har: ${join(ROOT, 'test/fixtures/har', `${h.name}.har`)}`, `    category: ${h.category}`);
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

function batch(planFile: string, parallel: number): number {
  const t = performance.now();
  const r = spawnSync(process.execPath, [join(ROOT, 'bin/privlab.mjs'), 'batch', planFile, '--parallel', String(parallel)], { cwd: ROOT, encoding: 'utf8' });
  const s = (performance.now() - t) / 1000;
  if (r.status !== 0) throw new Error(`batch exited ${r.status}:\n${r.stdout}\n${r.stderr}`);
  return s;
}

const entries = apps.length + hars.length;
console.log(`machine: ${availableParallelism()} cores, ${(totalmem() / 1024 ** 3).toFixed(1)} GiB; ${apps.length} sample apps (${variants.join(', ')}) + ${hars.length} HAR imports, reports without PDF`);
const perHour: Record<number, number> = {};
for (const parallel of [1, 2]) {
  const file = plan(`store-p${parallel}`);
  const s = batch(file, parallel);
  perHour[parallel] = (entries / s) * 3600;
  console.log(`parallel ${parallel}: ${entries} runs in ${s.toFixed(1)} s = ${perHour[parallel]!.toFixed(0)} apps/hour`);
  if (parallel === 2) console.log(`second invocation (all finished, nothing redone): ${batch(file, parallel).toFixed(1)} s`);
}

// 1000 run directories: copies of the real ones (the three files summarize reads), renamed and spread over categories.
const source = join(work, 'store-p2');
const real = readdirSync(source, { withFileTypes: true }).filter((d) => d.isDirectory() && !d.name.startsWith('.') && d.name !== 'summary').map((d) => join(source, d.name));
const categories = ['marriage_dating', 'postal_express', 'local_life', 'online_community', 'online_shopping', 'map_navigation'];
const many = join(work, 'many');
for (let i = 0; i < 1000; i++) {
  const from = real[i % real.length]!;
  const to = join(many, `app-${String(i).padStart(4, '0')}`);
  mkdirSync(to, { recursive: true });
  const info = JSON.parse(readFileSync(join(from, RUN_FILES.run), 'utf8')) as RunInfo;
  const category = categories[i % categories.length]!;
  info.target = { ...info.target, name: `App ${i}`, category };
  writeFileSync(join(to, RUN_FILES.run), JSON.stringify(info));
  const findings = JSON.parse(readFileSync(join(from, RUN_FILES.findings), 'utf8')) as FindingsFile;
  findings.target = { ...findings.target, name: `App ${i}`, category };
  writeFileSync(join(to, RUN_FILES.findings), JSON.stringify(findings));
  cpSync(join(from, RUN_FILES.observations), join(to, RUN_FILES.observations));
}
for (const html of [false, true]) {
  const r = await summarize([many], join(work, `summary-${html ? 'html' : 'plain'}`), { html });
  const t = r.timings;
  console.log(
    `summarize ${r.runs} run directories${html ? ' with the HTML page' : ' (JSON, CSV, SQLite)'}: ${(t.total / 1000).toFixed(2)} s ` +
      `(read ${(t.read / 1000).toFixed(2)} s, store and CSV ${(t.store / 1000).toFixed(2)} s${html ? `, figures ${(t.html / 1000).toFixed(2)} s` : ''})`,
  );
}
console.log(`work folder: ${work}`);
