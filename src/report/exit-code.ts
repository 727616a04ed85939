// CI gating: a non-zero exit when an unwaived finding at or above a severity is present.

import { severityRank, type Severity } from '../core/finding.ts';
import type { FindingsFile } from '../core/rule.ts';

/** Exit code `privlab run`/`report` return for --fail-on; a waived finding never fails a build. */
export const FINDINGS_EXIT_CODE = 3;

export function failOnExitCode(findings: FindingsFile, failOn?: Severity): number {
  if (!failOn) return 0;
  const floor = severityRank(failOn);
  return findings.findings.some((f) => !f.waived && severityRank(f.severity) >= floor) ? FINDINGS_EXIT_CODE : 0;
}
