// `privlab report <run-dir>`: rebuild findings and every report from a run directory alone.

import type { Command } from 'commander';
import { resolve } from 'node:path';
import { RunReader } from '../../evidence/run-reader.ts';
import { UserError } from '../errors.ts';
import { addReportOptions, pipelineOptions, printResult, progressToStderr, type ReportFlags } from '../options.ts';
import { loadUserConfig } from '../user-config.ts';

export function register(program: Command): void {
  const cmd = program
    .command('report')
    .description('Re-run analysis and rules on a run directory and write findings.json, Allure results and HTML, the lab report (HTML, PDF) and the signed manifest. Works on old evidence, on crashed (incomplete) runs and on imported HAR runs.')
    .argument('<run-dir>', 'a run directory written by privlab run, capture or analyze')
    .option('--open', 'serve the Allure report on 127.0.0.1 and print its address (Ctrl-C to stop)');
  addReportOptions(cmd).action(async (dir: string, f: ReportFlags & { open?: boolean }) => {
    const runDir = resolve(dir);
    try {
      new RunReader(runDir);
    } catch (e) {
      throw new UserError(`${(e as Error).message}; give the folder that holds run.json`);
    }
    const { buildReports } = await import('../pipeline.ts');
    const result = await buildReports(runDir, pipelineOptions(f, loadUserConfig(), progressToStderr));
    printResult(runDir, result, console.log);
    process.exitCode = result.exitCode;
    if (f.open) {
      const { serveReport } = await import('../../report/allure/index.ts');
      await serveReport(result.allureReport);
    }
  });
}
