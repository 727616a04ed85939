// `privlab run <scenario>`: drive the app through its phases under each variant, then report.

import { Option, type Command } from 'commander';
import { resolve } from 'node:path';
import { CAPTURE_ENGINES, type LiveCaptureEngineName } from '../../core/capture.ts';
import { DRIVER_NAMES, type DriverName } from '../../core/driver.ts';
import { VARIANTS } from '../../core/phase.ts';
import { addReportOptions, parseVariants, pipelineOptions, printResult, progressToStderr, runExitCode, type ReportFlags } from '../options.ts';

interface RunFlags extends ReportFlags {
  out?: string;
  outRoot?: string;
  variants?: string;
  capture?: LiveCaptureEngineName;
  driver?: DriverName;
  headed?: boolean;
  report: boolean;
}

export function register(program: Command): void {
  const cmd = program
    .command('run')
    .description('Run a scenario: drive the app through register, login, verify and delete under each consent variant, capture its traffic, analyse it and write findings.json, Allure results and HTML, the lab report and a signed manifest.')
    .argument('<scenario>', 'scenario file (TypeScript), e.g. scenarios/demo/lovelink/scenario.ts')
    .option('-o, --out <dir>', 'run directory to write (default: <out-root>/<timestamp>_<target>)')
    .option('--out-root <dir>', 'parent folder of run directories', 'reports/runs')
    .option('--variants <list>', `comma-separated variants to run (${VARIANTS.join(', ')}); default all, or privlab.config.yaml`)
    .addOption(new Option('--capture <engine>', 'capture engine: the embedded proxy, or Debian\'s mitmdump').choices(CAPTURE_ENGINES))
    .addOption(new Option('--driver <driver>', 'UI driver').choices(DRIVER_NAMES))
    .option('--headed', 'show the browser window (needs a display)')
    .option('--no-report', 'only capture: skip analysis and reports (run `privlab report <run-dir>` later)');
  addReportOptions(cmd).action(async (scenario: string, f: RunFlags) => {
    const { loadUserConfig } = await import('../user-config.ts');
    const cfg = loadUserConfig();
    const { ciGate, loadBaseline } = await import('../ci-gate.ts');
    const baselineFile = loadBaseline(f);
    // Loaded on use so `privlab --help` stays fast and needs no browser stack.
    const { runScenario } = await import('../../runner/run-scenario.ts');
    const { runDir, info, timings } = await runScenario({
      scenarioFile: scenario,
      outRoot: resolve(f.outRoot ?? cfg.outRoot ?? 'reports/runs'),
      outDir: f.out ? resolve(f.out) : undefined,
      variants: f.variants ? parseVariants(f.variants) : (cfg.variants ?? [...VARIANTS]),
      engine: f.capture ?? cfg.capture ?? 'embedded',
      driver: f.driver ?? cfg.driver ?? 'playwright',
      appium: cfg.appium,
      headless: !f.headed,
      onProgress: progressToStderr,
    });
    const problems = info.outcomes.filter((o) => o.status === 'error');
    for (const p of problems) process.stderr.write(`privlab: ${p.variant} ${p.phase}: harness or scenario error, no verdict on this phase: ${p.message}\n`);
    if (!f.report) {
      console.log(`run directory: ${runDir}\nnext: privlab report ${runDir}`);
      process.exitCode = runExitCode(info.outcomes, 0);
      return;
    }
    const { buildReports } = await import('../pipeline.ts');
    const result = await buildReports(runDir, pipelineOptions(f, cfg, progressToStderr));
    printResult(runDir, result, console.log, timings);
    process.exitCode = runExitCode(info.outcomes, ciGate(runDir, result.findings, { ...f, baselineFile }, f.failOn ?? cfg.failOn, console.log));
  });
}
