// SARIF 2.1.0 for code-scanning dashboards: one run per findings file, its rules as reporting descriptors,
// each finding a result fingerprinted by its stable id; with a baseline, each result says whether it is
// new, unchanged or absent (resolved), the way SARIF's baselineState defines it.

import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { Log, ReportingDescriptor, Result, Run } from 'sarif';
import type { Finding, Severity } from '../../core/finding.ts';
import type { FindingsFile } from '../../core/rule.ts';
import { PRIVLAB_VERSION } from '../../core/version.ts';
import { RUN_FILES } from '../../evidence/run-layout.ts';
import type { FindingsDiff } from '../findings-diff.ts';
import { findingPlace, findingSubject } from './finding-subject.ts';

export const SARIF_SCHEMA_URI = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

export interface SarifRun {
  findings: FindingsFile;
  /** Run directory the findings came from, so results point at its findings.json. */
  runDir?: string;
  /** Against a baseline: new, unchanged and resolved findings get their baselineState. */
  diff?: FindingsDiff;
}

const LEVEL: Record<Severity, Result.level> = { critical: 'error', high: 'error', medium: 'warning', low: 'note', info: 'note' };

export function sarifLog(runs: SarifRun[]): Log {
  return { $schema: SARIF_SCHEMA_URI, version: '2.1.0', runs: runs.map(sarifRun) };
}

export function writeSarif(file: string, runs: SarifRun[]): void {
  writeFileSync(file, JSON.stringify(sarifLog(runs), null, 2));
}

function sarifRun({ findings: file, runDir, diff }: SarifRun): Run {
  const rules: ReportingDescriptor[] = file.rules.map((r) => ({
    id: r.id,
    name: r.id,
    shortDescription: { text: r.title.en },
    fullDescription: { text: r.description.en },
    defaultConfiguration: { level: LEVEL[r.severity] },
    properties: { kind: r.kind, clauses: r.clauses, titleZh: r.title.zh },
  }));
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
  const state = (f: Finding): Result.baselineState | undefined => {
    if (!diff) return undefined;
    return diff.added.some((a) => a.id === f.id) ? 'new' : 'unchanged';
  };
  const results = file.findings.map((f) => result(f, ruleIndex, state(f)));
  // Resolved findings stay visible as "absent", so a dashboard can close them.
  if (diff) results.push(...diff.resolved.map((f) => result(f, ruleIndex, 'absent')));
  return {
    tool: { driver: { name: 'privlab', version: PRIVLAB_VERSION, rules } },
    automationDetails: { id: `privlab/${file.target.name}/${file.runId}` },
    ...(runDir ? { originalUriBaseIds: { RUNDIR: { uri: pathToFileURL(runDir.endsWith('/') ? runDir : `${runDir}/`).href } } } : {}),
    invocations: [{ executionSuccessful: file.complete, ...(file.complete ? {} : { properties: { note: 'the run did not end normally' } }) }],
    properties: { target: file.target, runId: file.runId },
    results,
  };
}

function result(f: Finding, ruleIndex: Map<string, number>, baselineState?: Result.baselineState): Result {
  const index = ruleIndex.get(f.ruleId);
  return {
    ruleId: f.ruleId,
    ...(index === undefined ? {} : { ruleIndex: index }),
    level: LEVEL[f.severity],
    message: { text: `${f.title.en} (${findingSubject(f)}), ${findingPlace(f)}: ${f.reasoning}` },
    locations: [
      {
        physicalLocation: { artifactLocation: { uri: RUN_FILES.findings, uriBaseId: 'RUNDIR' } },
        logicalLocations: [{ name: f.phase ?? 'traffic', kind: 'module' }],
      },
    ],
    partialFingerprints: { 'privlabFindingId/v1': f.id },
    ...(baselineState ? { baselineState } : {}),
    ...(f.waived ? { suppressions: [{ kind: 'external', justification: f.waived.justification }] } : {}),
    properties: {
      findingId: f.id,
      severity: f.severity,
      variants: f.variants,
      notHeldIn: f.notHeldIn,
      piTypes: f.piTypes,
      clauses: f.clauses,
      flows: f.evidence.flows,
      ...(f.party ? { party: f.party } : {}),
    },
  };
}
