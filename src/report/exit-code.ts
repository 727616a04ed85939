// CI gating: a non-zero exit when an unwaived finding at or above a severity is present (only a new one,
// when a baseline is given).

import { EXIT } from '../core/exit-codes.ts';
import { severityRank, type Finding, type Severity } from '../core/finding.ts';
import type { FindingsFile } from '../core/rule.ts';
import { diffFindings } from './findings-diff.ts';

/** Findings that fail a build at --fail-on: unwaived, at or above the severity; a waived one never does. */
export function gatingFindings(findings: Finding[], failOn: Severity): Finding[] {
  const floor = severityRank(failOn);
  return findings.filter((f) => !f.waived && severityRank(f.severity) >= floor);
}

export function failOnExitCode(findings: FindingsFile, failOn?: Severity, baseline?: FindingsFile): number {
  if (!failOn) return EXIT.ok;
  const candidates = baseline ? diffFindings(baseline, findings).added : findings.findings;
  return gatingFindings(candidates, failOn).length ? EXIT.findings : EXIT.ok;
}
