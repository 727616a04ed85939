// JUnit XML for CI systems: one test suite per run, one test case per finding (a failure) and per rule
// check that held (a pass). Waived findings and, with a baseline, findings already known are skipped,
// so the build turns red only on what is new.

import { writeFileSync } from 'node:fs';
import junitModule, { type Builder } from 'junit-report-builder';
import type { Finding } from '../../core/finding.ts';
import type { FindingsFile } from '../../core/rule.ts';
import { findingPlace, findingSubject } from './finding-subject.ts';

// The package's CommonJS export is the builder itself, while its types describe an ES default export.
const junit = junitModule as unknown as Builder;

export interface JunitRun {
  findings: FindingsFile;
  /** Ids of findings already known (from --baseline): reported as skipped, not as failures. */
  known?: ReadonlySet<string>;
}

export function junitXml(runs: JunitRun[]): string {
  const builder = junit.newBuilder();
  for (const run of runs) addSuite(builder.testSuite(), run);
  return builder.build();
}

export function writeJunit(file: string, runs: JunitRun[]): void {
  writeFileSync(file, junitXml(runs));
}

type Suite = ReturnType<Builder['testSuite']>;

function addSuite(suite: Suite, { findings: file, known }: JunitRun): void {
  const app = file.target.name;
  suite.name(`${app} (${file.target.category})`).property('runId', file.runId).property('complete', String(file.complete));
  if (!file.complete) {
    suite.testCase().className(`privlab.${app}`).name('run complete').error('the run did not end normally: a missing finding proves less');
  }
  for (const f of file.findings) {
    // No properties on test cases: the common JUnit schemas allow them only on suites.
    const tc = suite.testCase().className(`privlab.${app}.${f.phase ?? 'traffic'}`).name(`${f.ruleId}: ${findingSubject(f)}`);
    if (f.waived) tc.skipped().standardOutput(`waived: ${f.waived.justification}\n${details(f)}`);
    else if (known?.has(f.id)) tc.skipped().standardOutput(`known before (in the baseline)\n${details(f)}`);
    else tc.failure(`[${f.severity}] ${f.title.en}: ${findingPlace(f)}`, f.ruleId).standardOutput(details(f));
  }
  for (const check of heldChecks(file)) {
    suite.testCase().className(`privlab.${app}.${check.phase ?? 'traffic'}`).name(check.ruleId);
  }
}

function details(f: Finding): string {
  return [
    `finding ${f.id} (${f.severity})`,
    f.reasoning,
    `variants: ${f.variants.join(', ') || '-'}${f.notHeldIn.length ? `; not in: ${f.notHeldIn.join(', ')}` : ''}`,
    `clauses: ${f.clauses.join(', ')}`,
    `flows: ${f.evidence.flows.join(', ') || '-'}`,
  ].join('\n');
}

/** Rule and phase pairs checked in at least one variant and violated in none. */
function heldChecks(file: FindingsFile): Array<{ ruleId: string; phase: string | null }> {
  const byKey = new Map<string, { ruleId: string; phase: string | null; held: boolean; violated: boolean }>();
  for (const e of file.evaluations) {
    const key = `${e.ruleId}\u0000${e.phase ?? ''}`;
    const entry = byKey.get(key) ?? { ruleId: e.ruleId, phase: e.phase, held: false, violated: false };
    entry.held ||= e.status === 'held';
    entry.violated ||= e.status === 'violated';
    byKey.set(key, entry);
  }
  return [...byKey.values()].filter((e) => e.held && !e.violated);
}
