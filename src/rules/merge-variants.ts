// One finding per distinct fact: the per-variant findings rules return are merged by id, listing the
// variants where the fact held and those where the rule was checked and it did not.

import { SEVERITIES, type Finding, type VariantFinding } from '../core/finding.ts';
import { VARIANTS, type VariantName } from '../core/phase.ts';
import type { RuleEvaluation } from '../core/rule.ts';

const variantRank = (v: VariantName | null) => (v === null ? -1 : VARIANTS.indexOf(v));
const union = <T>(lists: readonly (readonly T[])[]): T[] => [...new Set(lists.flat())];

export function mergeVariants(perVariant: readonly VariantFinding[], evaluations: readonly RuleEvaluation[]): Finding[] {
  const byId = new Map<string, VariantFinding[]>();
  for (const f of perVariant) {
    const group = byId.get(f.id);
    if (group) group.push(f);
    else byId.set(f.id, [f]);
  }
  return [...byId.values()].map((group) => {
    const sorted = [...group].sort((a, b) => variantRank(a.variant) - variantRank(b.variant));
    const { variant: _first, ...first } = sorted[0]!;
    const variants = [...new Set(sorted.flatMap((f) => (f.variant ? [f.variant] : [])))];
    const notHeldIn = VARIANTS.filter(
      (v) =>
        !variants.includes(v) &&
        evaluations.some((e) => e.ruleId === first.ruleId && e.phase === first.phase && e.variant === v && e.status !== 'not-applicable'),
    );
    const held = variants.length ? ` Held under ${variants.join(', ')}${notHeldIn.length ? `; not under ${notHeldIn.join(', ')}` : ''}.` : '';
    return {
      ...first,
      severity: SEVERITIES.find((s) => sorted.some((f) => f.severity === s)) ?? first.severity,
      variants,
      notHeldIn,
      piTypes: union(sorted.map((f) => f.piTypes)),
      reasoning: sorted.length > 1 || notHeldIn.length ? first.reasoning + held : first.reasoning,
      evidence: {
        flows: union(sorted.map((f) => f.evidence.flows)),
        observations: union(sorted.map((f) => f.evidence.observations)),
        timeline: union(sorted.map((f) => f.evidence.timeline)).sort((a, b) => a - b),
      },
      ...(sorted.some((f) => f.restsOnMissingDeclaration) ? { restsOnMissingDeclaration: true } : {}),
    };
  });
}
