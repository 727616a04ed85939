// `privlab batch <plan.yaml | dir>`: many scenarios and HAR imports into one run store, a few at a time,
// resuming where an earlier invocation stopped; or, with --queue, as jobs for `privlab worker`s.

import { Option, type Command } from 'commander';
import { EXIT } from '../../core/exit-codes.ts';
import { SEVERITIES } from '../../core/finding.ts';
import { VARIANTS } from '../../core/phase.ts';
import type { BatchFlags } from '../batch/run-batch.ts';
import { parseSeverity } from '../options.ts';

export function register(program: Command): void {
  const cmd = program
    .command('batch')
    .description(
      'Run many scenarios and HAR imports into one run store (<out>/<name>/ per entry), a few at a time, each in a process ' +
        'of its own. Entries already finished in the store (run.json complete and findings.json written) are skipped, so ' +
        'running it again resumes an interrupted batch. A failed entry never stops the others. Writes <out>/batch.json, and ' +
        'findings.junit.xml and findings.sarif over all runs. With --queue, enqueues the entries for privlab worker instead. ' +
        `Exits ${EXIT.runsFailed} when an entry failed, else ${EXIT.harnessError} when a finished run has a phase that ended in a harness ` +
        `error (not tested), else ${EXIT.findings} with --fail-on, else ${EXIT.ok}.`,
    )
    .argument('<plan>', 'a plan file (YAML, schema config/schema/batch-plan.schema.json) or a folder of <app>/scenario.ts (and .har files with --category)')
    .option('-o, --out <dir>', 'run store (default: out: in the plan, else reports/batch/<plan name>)')
    .option('--parallel <n>', 'runs at once (default: parallel: in the plan, else one per core as far as free memory allows, 1 GiB a run)')
    .option('--variants <list>', `variants of every scenario entry (${VARIANTS.join(', ')}); default the plan's, else all`)
    .option('--category <slug>', 'category of the .har files of a folder')
    .option('--first-party <domains>', "the .har files' own domains, comma-separated")
    .option('--no-pdf', 'skip the PDF of each lab report')
    .addOption(new Option('--fail-on <severity>', `exit ${EXIT.findings} when any run has an unwaived finding at or above this severity (${SEVERITIES.join('|')})`).argParser(parseSeverity))
    .option('--queue <redis-url>', 'enqueue the entries on this Redis (BullMQ) for `privlab worker`s instead of running them here, e.g. redis://127.0.0.1:6379')
    .option('--no-wait', 'with --queue: enqueue and return, without following the jobs')
    .option('--attempts <n>', 'with --queue: attempts per job before it goes to the failed set', '2');
  cmd.action(async (input: string, f: BatchFlags) => (await import('../batch/run-batch.ts')).runBatch(input, f, cmd));
}
