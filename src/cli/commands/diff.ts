// `privlab diff <old> <new>`: findings new, resolved and unchanged between two runs of an app, matched by
// stable finding id; JUnit and SARIF of the new run against the old, and a CI exit code for new findings.

import { statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { EXIT } from '../../core/exit-codes.ts';
import { SEVERITIES, type Finding, type Severity } from '../../core/finding.ts';
import { writeSarif } from '../../report/ci/sarif.ts';
import { failOnExitCode } from '../../report/exit-code.ts';
import { diffFindings, type FindingsDiff } from '../../report/findings-diff.ts';
import { parseSeverity } from '../options.ts';

interface DiffFlags {
  json?: boolean;
  junit?: string;
  sarif?: string;
  failOn?: Severity;
}

export function register(program: Command): void {
  program
    .command('diff')
    .description(
      'Compare the findings of two runs of an app (e.g. two versions): new, resolved and unchanged findings, matched by ' +
        'stable finding id (rule:phase:subject), not by text. A finding gone from the new run whose phase the new run did ' +
        'not test is listed as not re-tested, not as resolved.',
    )
    .argument('<old>', 'the earlier run directory or findings.json')
    .argument('<new>', 'the later run directory or findings.json')
    .option('--json', 'print the diff as JSON')
    .option('--junit <file>', 'write the new run as JUnit XML: new findings fail, known ones are skipped')
    .option('--sarif <file>', 'write the new run as SARIF 2.1.0 with baselineState new / unchanged / absent')
    .addOption(
      new Option('--fail-on <severity>', `exit ${EXIT.findings} when a new unwaived finding at or above this severity exists (${SEVERITIES.join('|')})`).argParser(parseSeverity),
    )
    .action(async (oldInput: string, newInput: string, f: DiffFlags) => {
      const { findingsPathOf, readFindingsFile } = await import('../../report/findings-input.ts');
      const before = readFindingsFile(oldInput);
      const after = readFindingsFile(newInput);
      const diff = diffFindings(before, after);
      if (f.json) console.log(JSON.stringify(diffJson(diff), null, 2));
      else printDiff(diff, console.log);
      if (f.junit) (await import('../../report/ci/junit.ts')).writeJunit(f.junit, [{ findings: after, known: new Set(before.findings.map((x) => x.id)) }]);
      if (f.sarif) writeSarif(f.sarif, [{ findings: after, runDir: runDirOf(newInput, findingsPathOf), diff }]);
      process.exitCode = failOnExitCode(after, f.failOn, before);
    });
}

function runDirOf(input: string, findingsPathOf: (input: string) => string): string {
  return statSync(input).isDirectory() ? resolve(input) : dirname(resolve(findingsPathOf(input)));
}

function line(f: Finding): string {
  return `  ${f.severity.padEnd(8)} ${f.id}  ${f.title.en}${f.variants.length ? ` [${f.variants.join(', ')}]` : ''}`;
}

function printDiff(d: FindingsDiff, out: (l: string) => void): void {
  out(`new: ${d.added.length}, resolved: ${d.resolved.length}, not re-tested: ${d.notRetested.length}, unchanged: ${d.unchanged.length}`);
  const section = (title: string, list: Finding[]): void => {
    if (!list.length) return;
    out(`\n${title}`);
    for (const f of list) out(line(f));
  };
  section('new', d.added);
  section('resolved', d.resolved);
  section('not re-tested (the new run has no evidence for their phase)', d.notRetested);
  const changed = d.unchanged.filter((c) => c.changes.length);
  if (changed.length) {
    out('\nunchanged, with differences');
    for (const c of changed) out(`${line(c.new)}  (${c.changes.join('; ')})`);
  }
}

function diffJson(d: FindingsDiff): object {
  const ids = (list: Finding[]) => list.map((f) => ({ id: f.id, ruleId: f.ruleId, severity: f.severity, phase: f.phase, variants: f.variants }));
  return {
    new: ids(d.added),
    resolved: ids(d.resolved),
    notRetested: ids(d.notRetested),
    unchanged: d.unchanged.map((c) => ({ id: c.new.id, severity: c.new.severity, changes: c.changes })),
  };
}
