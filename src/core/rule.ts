// Rules and what they write into findings.json.

import type { Catalogs } from './catalog.ts';
import type { Bilingual, Finding, Severity, VariantFinding } from './finding.ts';
import type { AppObservation } from './observation.ts';
import type { PhaseName, PhaseOutcome, VariantName } from './phase.ts';
import type { RunInfo } from './run.ts';
import type { TimelineEvent } from './timeline.ts';

/** Groups findings the way a lab reports them (Allure categories use these). */
export const FINDING_KINDS = [
  'over-collection',
  'forced-consent',
  'face-only',
  'biometric-upload',
  'third-party',
  'consent',
  'cancellation',
  'transport',
] as const;
export type FindingKind = (typeof FINDING_KINDS)[number];

export interface RuleMeta {
  id: string;
  title: Bilingual;
  description: Bilingual;
  severity: Severity;
  /** Clause ids from config/regulations.yaml. */
  clauses: string[];
  kind: FindingKind;
}

/** Whether a rule was checked for a phase (and variant), and how it came out. */
export interface RuleEvaluation {
  ruleId: string;
  phase: PhaseName | null;
  variant: VariantName | null;
  status: 'violated' | 'held' | 'not-applicable';
  reason?: string;
  findingIds: string[];
}

export interface RuleInput {
  run: RunInfo;
  timeline: TimelineEvent[];
  /** Only what the app sent in phases that are evidence (see AppObservation). */
  observations: AppObservation[];
  catalogs: Catalogs;
}

export interface RuleResult {
  /** Per variant; the engine merges the same fact across variants. */
  findings: VariantFinding[];
  evaluations: RuleEvaluation[];
}

export interface Rule {
  meta: RuleMeta;
  evaluate(input: RuleInput): RuleResult;
}

/** findings.json (schema: config/schema/findings.schema.json). */
export interface FindingsFile {
  schemaVersion: 1;
  runId: string;
  target: { name: string; version?: string; category: string; platform: string };
  generatedAt: string;
  privlabVersion: string;
  /** False when the run did not end normally: absence of a finding then proves less. */
  complete: boolean;
  outcomes: PhaseOutcome[];
  rules: RuleMeta[];
  evaluations: RuleEvaluation[];
  findings: Finding[];
}
