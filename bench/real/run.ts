// npm run bench:real [app...]: installs (idempotent), starts each real app of bench/real/apps/, runs its
// privlab scenario through the real CLI, reads the app's ground truth on the server side, and holds
// privlab's verdicts against expected.yaml. Prints one table; exits 1 on a false finding, a miss, an
// expectation its ground truth does not back, or an app that could not be run.

import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Ajv } from 'ajv';
import { parse as parseYaml } from 'yaml';
import type { FindingsFile } from '../../src/core/rule.ts';
import { compare, type Expected, type RuleRow } from './compare.ts';
import { accountsFor, type GroundTruthCheck } from './lib/ground-truth.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const APPS = join(import.meta.dirname, 'apps');
const OUT = resolve(process.env.BENCH_REAL_OUT ?? join(ROOT, 'reports', 'bench-real'));
const validate = new Ajv({ allErrors: true }).compile(JSON.parse(readFileSync(join(import.meta.dirname, 'expected.schema.json'), 'utf8')));

interface AppResult {
  app: string;
  rows: RuleRow[];
  notes: string[];
  error?: string;
  seconds: number;
}

function sh(app: string, script: string, env: NodeJS.ProcessEnv): void {
  const r = spawnSync('bash', [join(APPS, app, script)], { stdio: ['ignore', 'inherit', 'inherit'], env });
  if (r.status !== 0) throw new Error(`${app}/${script} exited ${r.status ?? r.signal}`);
}

function loadExpected(app: string): Expected {
  const file = join(APPS, app, 'expected.yaml');
  const data = parseYaml(readFileSync(file, 'utf8')) as unknown;
  if (!validate(data)) throw new Error(`${file}: ${validate.errors?.map((e) => `${e.instancePath || '/'} ${e.message}`).join('; ')}`);
  return data as Expected;
}

async function runApp(app: string, tag: string): Promise<AppResult> {
  const started = Date.now();
  const env = { ...process.env };
  const expected = loadExpected(app);
  sh(app, 'install.sh', env);
  sh(app, 'start.sh', env);
  try {
    const runDir = join(OUT, `${tag}_${app}`);
    console.error(`\n== ${app}: privlab run (all variants) -> ${runDir}`);
    const r = spawnSync(process.execPath, [join(ROOT, 'bin/privlab.mjs'), 'run', join(APPS, app, 'scenario.ts'), '--out', runDir, '--no-pdf', '--lang', 'en'], {
      stdio: ['ignore', 'inherit', 'inherit'],
      env,
      cwd: ROOT,
    });
    // Findings are in findings.json whatever the exit code says (3 = findings at --fail-on, 5 = a phase error).
    const findingsFile = join(runDir, 'findings.json');
    if (!existsSync(findingsFile)) throw new Error(`privlab run exited ${r.status ?? r.signal} and wrote no findings.json`);
    const findings = JSON.parse(readFileSync(findingsFile, 'utf8')) as FindingsFile;
    const check = ((await import(pathToFileURL(join(APPS, app, 'ground-truth.ts')).href)) as { default: GroundTruthCheck }).default;
    // The variants the run drove: withdraw-optional is dropped for a scenario without a withdraw step.
    const truth = await check(accountsFor([...new Set(findings.outcomes.map((o) => o.variant))]), runDir);
    const phaseErrors = findings.outcomes.filter((o) => o.status === 'error').map((o) => `${o.variant}/${o.phase}: ${o.message ?? 'error'}`);
    return { app, rows: compare(findings, expected, truth), notes: [...truth.notes, ...phaseErrors.map((e) => `phase error ${e}`)], seconds: (Date.now() - started) / 1000 };
  } finally {
    sh(app, 'stop.sh', env);
  }
}

function table(results: AppResult[]): string {
  const head = ['app', 'rule', 'expected', 'privlab', 'false findings', 'misses'];
  const lines: string[][] = [];
  for (const r of results) {
    if (r.error) lines.push([r.app, '(app not run)', '', '', '', r.error]);
    for (const row of r.rows) {
      const mark = row.unbacked.length ? ` (ground truth does not back: ${row.unbacked.join(', ')})` : '';
      lines.push([r.app, row.rule, row.expected + mark, row.privlab, row.falseFindings.join(' ') || '0', row.misses.join(' ') || '0']);
    }
  }
  const widths = head.map((h, i) => Math.min(60, Math.max(h.length, ...lines.map((l) => l[i]!.length))));
  const fmt = (l: string[]) => l.map((c, i) => c.padEnd(widths[i]!)).join(' | ');
  return [fmt(head), widths.map((w) => '-'.repeat(w)).join('-|-'), ...lines.map(fmt)].join('\n');
}

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  const apps = readdirSync(APPS).filter((a) => existsSync(join(APPS, a, 'scenario.ts')) && (wanted.length === 0 || wanted.includes(a)));
  if (wanted.length && apps.length !== wanted.length) throw new Error(`unknown app(s): ${wanted.filter((w) => !apps.includes(w)).join(', ')} (have: ${readdirSync(APPS).join(', ')})`);
  const tag = Date.now().toString(36).slice(-6);
  // The ground-truth checks run in this process and derive account names from the tag, as the scenarios do.
  process.env.BENCH_RUN_TAG = tag;
  const started = Date.now();
  const results: AppResult[] = [];
  for (const app of apps) {
    const t = Date.now();
    try {
      results.push(await runApp(app, tag));
    } catch (e) {
      results.push({ app, rows: [], notes: [], error: (e as Error).message.split('\n')[0] ?? String(e), seconds: (Date.now() - t) / 1000 });
    }
  }
  spawnSync('bash', [join(import.meta.dirname, 'lib/stop-shared.sh')], { stdio: ['ignore', 'inherit', 'inherit'] });
  console.log(`\nbench:real run ${tag}\n`);
  console.log(table(results));
  console.log('');
  for (const r of results) {
    console.log(`${r.app}: ${r.seconds.toFixed(0)} s`);
    for (const n of r.notes) console.log(`  ground truth: ${n}`);
  }
  const rows = results.flatMap((r) => r.rows);
  const falseCount = rows.reduce((n, r) => n + r.falseFindings.length, 0);
  const missCount = rows.reduce((n, r) => n + r.misses.length, 0);
  const unbacked = rows.filter((r) => r.unbacked.length).length;
  const failed = results.filter((r) => r.error).length;
  console.log(`\n${results.length} apps (${failed} not run), ${falseCount} false findings, ${missCount} misses, ${unbacked} expectations not backed by ground truth; ${((Date.now() - started) / 1000).toFixed(0)} s in all`);
  process.exitCode = falseCount || missCount || unbacked || failed ? 1 : 0;
}

await main();
