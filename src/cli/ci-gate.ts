// What CI reads after `run` or `report`: JUnit and SARIF files if asked for, and the exit code of
// --fail-on, counted only over findings new since --baseline when one is given.

import { resolve } from 'node:path';
import type { Severity } from '../core/finding.ts';
import type { FindingsFile } from '../core/rule.ts';
import { writeJunit } from '../report/ci/junit.ts';
import { writeSarif } from '../report/ci/sarif.ts';
import { failOnExitCode } from '../report/exit-code.ts';
import { diffFindings } from '../report/findings-diff.ts';
import { readFindingsFile } from '../report/findings-input.ts';

export interface CiFlags {
  baseline?: string;
  junit?: string;
  sarif?: string;
}

/** Read before a run starts, so a bad --baseline file fails at once and not after the run. */
export function loadBaseline(f: CiFlags): FindingsFile | undefined {
  return f.baseline ? readFindingsFile(f.baseline) : undefined;
}

/** Writes the CI files and returns the exit code; `out` is told where each file went. */
export function ciGate(
  runDir: string,
  findings: FindingsFile,
  f: CiFlags & { baselineFile?: FindingsFile },
  failOn: Severity | undefined,
  out: (l: string) => void,
): number {
  const baseline = f.baselineFile;
  const diff = baseline ? diffFindings(baseline, findings) : undefined;
  if (diff) out(`against baseline: ${diff.added.length} new, ${diff.resolved.length} resolved, ${diff.unchanged.length} unchanged`);
  if (f.junit) {
    writeJunit(f.junit, [{ findings, known: baseline ? new Set(baseline.findings.map((x) => x.id)) : undefined }]);
    out(`JUnit XML:       ${resolve(f.junit)}`);
  }
  if (f.sarif) {
    writeSarif(f.sarif, [{ findings, runDir, diff }]);
    out(`SARIF:           ${resolve(f.sarif)}`);
  }
  return failOnExitCode(findings, failOn, baseline);
}
