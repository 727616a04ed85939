// Builds the findings and evaluations a rule returns, so every rule fills them the same way.

import type { Finding } from '../core/finding.ts';
import type { PhaseName, VariantName } from '../core/phase.ts';
import type { RuleEvaluation, RuleMeta } from '../core/rule.ts';
import type { RunInfo } from '../core/run.ts';
import { findingId } from './finding-id.ts';
import { ranOutcomes } from './run-facts.ts';

export type FindingFields = Omit<Finding, 'id' | 'ruleId' | 'title' | 'clauses' | 'severity'> &
  Partial<Pick<Finding, 'severity'>> & {
    /** What the finding is about within its phase and variant (PI type, host, ...): part of the id. */
    subject: string;
  };

export function makeFinding(meta: RuleMeta, fields: FindingFields): Finding {
  const { subject, severity, ...rest } = fields;
  return {
    id: findingId(meta.id, fields.phase, fields.variant, subject),
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
  findings: readonly Finding[],
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

/**
 * One evaluation per phase and variant that was driven, violated when a finding falls in it; findings
 * outside any driven phase (traffic before the first phase starts) get an evaluation of their own.
 */
export function evaluationsByPhase(meta: RuleMeta, run: RunInfo, findings: readonly Finding[]): RuleEvaluation[] {
  const slots = ranOutcomes(run).map((o) => ({ phase: o.phase as PhaseName | null, variant: o.variant as VariantName | null }));
  for (const f of findings) {
    if (!slots.some((s) => s.phase === f.phase && s.variant === f.variant)) slots.push({ phase: f.phase, variant: f.variant });
  }
  return slots.map((s) =>
    makeEvaluation(meta, s.phase, s.variant, findings.filter((f) => f.phase === s.phase && f.variant === s.variant)),
  );
}
