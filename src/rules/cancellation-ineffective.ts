// After cancellation, the account or profile is still there (the scenario's afterDelete check).

import type { VariantFinding } from '../core/finding.ts';
import type { Rule, RuleEvaluation, RuleInput, RuleMeta, RuleResult } from '../core/rule.ts';
import type { MarkEvent } from '../core/timeline.ts';
import { makeEvaluation, makeFinding, notApplicable } from './rule-output.ts';
import { evidenceOutcomes } from './run-facts.ts';

const meta: RuleMeta = {
  id: 'cancellation-ineffective',
  title: { zh: '注销后个人信息未删除', en: 'Cancellation not carried out' },
  description: {
    zh: '注销完成后，删除检查表明旧凭据仍可登录或资料仍被返回（deletion-check: still-present）。',
    en: "After delete completed, the deletion check found the old credentials still log in or the profile still served ('deletion-check: still-present').",
  },
  severity: 'high',
  clauses: ['identification-2019-6-4', 'network-data-2024-art24', 'pipl-art47'],
  kind: 'cancellation',
};

const CHECK = 'deletion-check: ';

function evaluate(input: RuleInput): RuleResult {
  const checks = input.timeline.filter((e): e is MarkEvent => e.type === 'mark' && e.label.startsWith(CHECK));
  const findings: VariantFinding[] = [];
  const evaluations: RuleEvaluation[] = [];
  for (const { variant, status } of evidenceOutcomes(input.run).filter((o) => o.phase === 'delete')) {
    const check = checks.filter((c) => c.variant === variant).sort((a, b) => a.seq - b.seq).at(-1);
    const result = check?.label.slice(CHECK.length);
    if (status !== 'completed' || (result !== 'still-present' && result !== 'gone')) {
      evaluations.push(notApplicable(meta, 'delete', variant, status !== 'completed' ? `delete ${status}` : `no deletion check result (${result ?? 'none recorded'})`));
      continue;
    }
    const variantFindings =
      result === 'still-present'
        ? [
            makeFinding(meta, {
              subject: 'still-present',
              phase: 'delete',
              variant,
              piTypes: [],
              reasoning: `Delete completed under ${variant}, but the check after it (timeline ${check!.seq}) found the account or profile still present.`,
              evidence: { flows: [], observations: [], timeline: [check!.seq] },
            }),
          ]
        : [];
    findings.push(...variantFindings);
    evaluations.push(makeEvaluation(meta, 'delete', variant, variantFindings));
  }
  return { findings, evaluations };
}

export const cancellationIneffective: Rule = { meta, evaluate };
