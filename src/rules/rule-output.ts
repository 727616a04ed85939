// Builds the findings and evaluations a rule returns, so every rule fills them the same way.

import type { VariantFinding } from '../core/finding.ts';
import type { PhaseName, VariantName } from '../core/phase.ts';
import type { RuleEvaluation, RuleMeta } from '../core/rule.ts';
import type { RunInfo } from '../core/run.ts';
import { findingId } from './finding-id.ts';
import { evidenceOutcomes, untestedOutcomes, whyNotEvidence } from './run-facts.ts';

export type FindingFields = Omit<VariantFinding, 'id' | 'ruleId' | 'title' | 'clauses' | 'severity'> &
  Partial<Pick<VariantFinding, 'severity'>> & {
    /** What the finding is about within its phase (PI type, host, ...): part of the id. */
    subject: string;
  };

export function makeFinding(meta: RuleMeta, fields: FindingFields): VariantFinding {
  const { subject, severity, ...rest } = fields;
  return {
    id: findingId(meta.id, fields.phase, subject),
    ruleId: meta.id,
    title: meta.title,
    severity: severity ?? meta.severity,
    clauses: meta.clauses,
    ...rest,
  };
}

export function makeEvaluation(
  meta: RuleMeta,
  phase: PhaseName | null,
  variant: VariantName | null,
  findings: readonly VariantFinding[],
  reason?: string,
): RuleEvaluation {
  return {
    ruleId: meta.id,
    phase,
    variant,
    status: findings.length ? 'violated' : 'held',
    ...(reason ? { reason } : {}),
    findingIds: findings.map((f) => f.id),
  };
}

export function notApplicable(
  meta: RuleMeta,
  phase: PhaseName | null,
  variant: VariantName | null,
  reason: string,
): RuleEvaluation {
  return { ruleId: meta.id, phase, variant, status: 'not-applicable', reason, findingIds: [] };
}

/** Not-applicable evaluations for every phase that was scripted but is no evidence (error, not tested). */
export function untestedEvaluations(meta: RuleMeta, run: RunInfo): RuleEvaluation[] {
  return untestedOutcomes(run).map((o) => notApplicable(meta, o.phase, o.variant, whyNotEvidence(o)));
}

/**
 * One evaluation per phase and variant that is evidence, violated when a finding falls in it; findings
 * outside any phase (traffic before the first phase starts) get an evaluation of their own; phases that
 * ended in a harness error or were not tested are not applicable, with the reason.
 */
export function evaluationsByPhase(meta: RuleMeta, run: RunInfo, findings: readonly VariantFinding[]): RuleEvaluation[] {
  const slots = evidenceOutcomes(run).map((o) => ({ phase: o.phase as PhaseName | null, variant: o.variant as VariantName | null }));
  for (const f of findings) {
    if (!slots.some((s) => s.phase === f.phase && s.variant === f.variant)) slots.push({ phase: f.phase, variant: f.variant });
  }
  return [
    ...slots.map((s) => makeEvaluation(meta, s.phase, s.variant, findings.filter((f) => f.phase === s.phase && f.variant === s.variant))),
    ...untestedEvaluations(meta, run),
  ];
}
