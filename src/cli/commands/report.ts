// `privlab report <run-dir>`: rebuild findings and every report from a run directory alone. A run
// signed before is first checked against its manifest: changed captured evidence is not signed anew
// unless the tester says why, and that is recorded.

import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ChangedEvidenceError, checkPriorEvidence, recordEvidenceOverride } from '../../evidence/prior-evidence.ts';
import { RUN_FILES } from '../../evidence/run-layout.ts';
import { RunReader } from '../../evidence/run-reader.ts';
import { UserError } from '../errors.ts';
import { addReportOptions, pipelineOptions, printResult, progressToStderr, runExitCode, type ReportFlags } from '../options.ts';

export function register(program: Command): void {
  const cmd = program
    .command('report')
    .description(
      'Re-run analysis and rules on a run directory and write findings.json, Allure results and HTML, the lab report (HTML, PDF) and the signed manifests. ' +
        'Works on old evidence, on crashed (incomplete) runs and on imported HAR runs. A run signed before is verified first: ' +
        'if its captured evidence (run.json, timeline, flows, bodies, screenshots, capture.har) changed since, or its manifest does not verify ' +
        'or was signed by a key this lab does not pin, it refuses (exit 1) unless --accept-changed-evidence is given.',
    )
    .argument('<run-dir>', 'a run directory written by privlab run, capture or analyze')
    .option('--accept-changed-evidence <reason>', 'report and sign anyway; the reason and what changed are recorded in run.json and printed on the lab report cover')
    .option('--open', "serve the run's Allure report on 127.0.0.1 as it is, rebuilding nothing, and print its address (Ctrl-C to stop); the reports are built first only when there is none");
  addReportOptions(cmd).action(async (dir: string, f: ReportFlags & { open?: boolean; acceptChangedEvidence?: string }) => {
    const runDir = resolve(dir);
    try {
      new RunReader(runDir);
    } catch (e) {
      throw new UserError(`${(e as Error).message}; give the folder that holds run.json`);
    }
    const existing = join(runDir, RUN_FILES.allureReport);
    if (f.open && existsSync(join(existing, 'index.html'))) {
      // Opening shows what is there; rebuilding and signing anew is what report without --open does.
      const { serveReport } = await import('../../report/allure/index.ts');
      await serveReport(existing);
      return;
    }
    const { ciGate, loadBaseline } = await import('../ci-gate.ts');
    const baselineFile = loadBaseline(f);
    const prior = await checkPriorEvidence(runDir);
    if (prior.problems.length) {
      const list = prior.problems.slice(0, 20).map((p) => `  ${p}\n`).join('') + (prior.problems.length > 20 ? `  ... ${prior.problems.length - 20} more\n` : '');
      const override = f.acceptChangedEvidence?.trim();
      process.stderr.write(`privlab: ${prior.manifest} no longer holds for this run's captured evidence:\n${list}`);
      if (!override) {
        throw new ChangedEvidenceError(
          `not reporting ${runDir} anew: its captured evidence is not as signed (${prior.problems[0]}). Check with \`privlab verify\`; ` +
            'to report anyway, give --accept-changed-evidence "<why>" (recorded in run.json and on the lab report cover)',
        );
      }
      process.stderr.write('privlab: reporting it anyway (--accept-changed-evidence)\n');
      recordEvidenceOverride(runDir, { at: new Date().toISOString(), reason: override, problems: prior.problems });
    }
    const { buildReports } = await import('../pipeline.ts');
    const { loadUserConfig } = await import('../user-config.ts');
    const cfg = loadUserConfig();
    const result = await buildReports(runDir, pipelineOptions(f, cfg, progressToStderr));
    printResult(runDir, result, console.log);
    process.exitCode = runExitCode(result.findings.outcomes, ciGate(runDir, result.findings, { ...f, baselineFile }, f.failOn ?? cfg.failOn, console.log));
    if (f.open) {
      const { serveReport } = await import('../../report/allure/index.ts');
      await serveReport(join(runDir, RUN_FILES.allureReport));
    }
  });
}
