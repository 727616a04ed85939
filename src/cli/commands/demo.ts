// `privlab demo`: every bundled sample app, every variant, reports written: the README's main job.

import type { Command } from 'commander';
import { readdirSync, existsSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { VARIANTS } from '../../core/phase.ts';
import { totalStageMs } from '../../core/stage-clock.ts';
import { UserError } from '../errors.ts';
import { addReportOptions, parseVariants, pipelineOptions, printResult, progressToStderr, type ReportFlags, runExitCode } from '../options.ts';

const DEMO_DIR = 'scenarios/demo';
const DEFAULT_JOBS = 2;

function parseJobs(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UserError(`--jobs ${value}: give a whole number of 1 or more`);
  return n;
}

export function demoScenarios(root = DEMO_DIR): string[] {
  if (!existsSync(root)) throw new UserError(`${root}: not found; run privlab demo from the repository root`);
  return readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(root, d.name, 'scenario.ts')))
    .map((d) => join(root, d.name, 'scenario.ts'))
    .sort();
}

export function register(program: Command): void {
  const cmd = program
    .command('demo')
    .description('Run every bundled sample app (scenarios/demo/*) under every variant through real Chromium and the embedded proxy, and write their reports. Sample apps are meant to violate the rules, so findings do not fail the demo unless --fail-on is given.')
    .option('--only <names>', 'comma-separated sample app folders to run (e.g. lovelink,quietforum)')
    .option('--out-root <dir>', 'parent folder of run directories', 'reports/runs')
    .option('--variants <list>', `comma-separated variants (${VARIANTS.join(', ')}); default all`)
    .option('--jobs <n>', 'sample apps run at the same time, each with its own app, proxy and browser (variants of one app always run one after another)', String(DEFAULT_JOBS));
  addReportOptions(cmd).action(async (f: ReportFlags & { only?: string; outRoot: string; variants?: string; jobs: string }) => {
    const { loadUserConfig } = await import('../user-config.ts');
    const cfg = loadUserConfig();
    const only = f.only?.split(',').map((s) => s.trim());
    const files = demoScenarios().filter((s) => !only || only.some((o) => s.includes(`/${o}/`)));
    if (!files.length) throw new UserError(`--only ${f.only}: no sample app of that name under ${DEMO_DIR}`);
    const jobs = parseJobs(f.jobs);
    const { runScenario } = await import('../../runner/run-scenario.ts');
    const { buildReports } = await import('../pipeline.ts');
    const { ensureCa } = await import('../../capture/ca.ts');
    // The interception CA, made before the apps start: on a fresh machine two apps' proxies would each make
    // one at the same time, and the second failed on the first's file (EEXIST on ca.key).
    await ensureCa();
    let exitCode = 0;
    const started = performance.now();
    // Apps run `jobs` at a time, each with its own app servers, proxy and browser; a run is mostly waiting
    // on pages, so two share the cores well. Reports are built one app at a time, each while later apps
    // run (they read only that app's finished run directory), and printed in the apps' order.
    const blocks: Array<{ lines: string[]; summary: string } | undefined> = [];
    let printed = 0;
    const flush = (): void => {
      for (let b = blocks[printed]; b; b = blocks[++printed]) {
        for (const line of b.lines) console.log(line);
      }
    };
    let reporting: Promise<void> = Promise.resolve();
    let next = 0;
    let failure: unknown;
    const runApp = async (i: number): Promise<void> => {
      const file = files[i]!;
      const name = basename(dirname(file));
      const progress = jobs > 1 ? (line: string) => progressToStderr(`${name}: ${line}`) : progressToStderr;
      progressToStderr(`demo ${i + 1}/${files.length}: ${file}`);
      const { runDir, info, timings } = await runScenario({
        scenarioFile: file,
        outRoot: resolve(f.outRoot),
        variants: f.variants ? parseVariants(f.variants) : [...VARIANTS],
        engine: 'embedded',
        driver: 'playwright',
        onProgress: progress,
      });
      reporting = reporting.then(async () => {
        const result = await buildReports(runDir, pipelineOptions(f, cfg, progress));
        const lines = [`\n== ${file}`];
        printResult(runDir, result, (l) => lines.push(l), timings);
        exitCode = Math.max(exitCode, runExitCode(info.outcomes, result.exitCode));
        const seconds = totalStageMs([...timings, ...result.timings]) / 1000;
        const rules = [...new Set(result.findings.findings.map((x) => x.ruleId))].join(', ') || 'none';
        blocks[i] = { lines, summary: `  ${result.findings.target.name.padEnd(12)} ${result.findings.target.category.padEnd(18)} ${String(result.findings.findings.length).padStart(3)} findings  ${seconds.toFixed(0).padStart(4)} s  rules: ${rules}` };
        flush();
      });
      // Awaited at the end; a failure meanwhile stops new apps and is not an unhandled rejection.
      reporting.catch((e: unknown) => {
        failure ??= e;
      });
    };
    // A failed app stops the others from starting; the ones running finish, then the first failure is thrown.
    const worker = async (): Promise<void> => {
      while (next < files.length && failure === undefined) {
        await runApp(next++).catch((e: unknown) => {
          failure ??= e;
        });
      }
    };
    await Promise.all(Array.from({ length: Math.min(jobs, files.length) }, worker));
    await reporting.catch(() => {});
    if (failure !== undefined) throw failure;
    const total = (performance.now() - started) / 1000;
    const summary = blocks.map((b) => b!.summary);
    console.log(`\n${files.length} sample app(s) run in ${total.toFixed(0)} s; Allure report of each: <run directory>/allure-report/index.html\n${summary.join('\n')}`);
    process.exitCode = exitCode;
  });
}
