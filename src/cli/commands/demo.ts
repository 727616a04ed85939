// `privlab demo`: every bundled sample app, every variant, reports written: the README's main job.

import type { Command } from 'commander';
import { readdirSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { VARIANTS } from '../../core/phase.ts';
import { totalStageMs } from '../../core/stage-clock.ts';
import { UserError } from '../errors.ts';
import { addReportOptions, parseVariants, pipelineOptions, printResult, progressToStderr, type ReportFlags, runExitCode } from '../options.ts';

const DEMO_DIR = 'scenarios/demo';

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
    .option('--variants <list>', `comma-separated variants (${VARIANTS.join(', ')}); default all`);
  addReportOptions(cmd).action(async (f: ReportFlags & { only?: string; outRoot: string; variants?: string }) => {
    const { loadUserConfig } = await import('../user-config.ts');
    const cfg = loadUserConfig();
    const only = f.only?.split(',').map((s) => s.trim());
    const files = demoScenarios().filter((s) => !only || only.some((o) => s.includes(`/${o}/`)));
    if (!files.length) throw new UserError(`--only ${f.only}: no sample app of that name under ${DEMO_DIR}`);
    const { runScenario } = await import('../../runner/run-scenario.ts');
    const { buildReports } = await import('../pipeline.ts');
    let exitCode = 0;
    const started = performance.now();
    const summary: string[] = [];
    // One app's reports are built while the next app runs: they read only its finished run directory.
    let reporting: Promise<void> | undefined;
    for (const [i, file] of files.entries()) {
      progressToStderr(`demo ${i + 1}/${files.length}: ${file}`);
      const { runDir, info, timings } = await runScenario({
        scenarioFile: file,
        outRoot: resolve(f.outRoot),
        variants: f.variants ? parseVariants(f.variants) : [...VARIANTS],
        engine: 'embedded',
        driver: 'playwright',
        onProgress: progressToStderr,
      });
      await reporting;
      reporting = buildReports(runDir, pipelineOptions(f, cfg, progressToStderr)).then((result) => {
        console.log(`\n== ${file}`);
        printResult(runDir, result, console.log, timings);
        exitCode = Math.max(exitCode, runExitCode(info.outcomes, result.exitCode));
        const seconds = totalStageMs([...timings, ...result.timings]) / 1000;
        const rules = [...new Set(result.findings.findings.map((x) => x.ruleId))].join(', ') || 'none';
        summary.push(`  ${result.findings.target.name.padEnd(12)} ${result.findings.target.category.padEnd(18)} ${String(result.findings.findings.length).padStart(3)} findings  ${seconds.toFixed(0).padStart(4)} s  rules: ${rules}`);
      });
      // Awaited before the next report or at the end; a failure meanwhile is not an unhandled rejection.
      reporting.catch(() => {});
    }
    await reporting;
    const total = (performance.now() - started) / 1000;
    console.log(`\n${files.length} sample app(s) run in ${total.toFixed(0)} s; Allure report of each: <run directory>/allure-report/index.html\n${summary.join('\n')}`);
    process.exitCode = exitCode;
  });
}
