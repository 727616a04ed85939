// Cancellation that demands PI types registration never collected (face, ID card, hand-held ID selfie).

import type { VariantFinding } from '../core/finding.ts';
import type { Rule, RuleEvaluation, RuleInput, RuleMeta, RuleResult } from '../core/rule.ts';
import { isIdentityProof, piLabel, piLabels } from './pi-classes.ts';
import { makeEvaluation, makeFinding, notApplicable } from './rule-output.ts';
import { evidenceOutcomes, outcomeOf, whyNotEvidence } from './run-facts.ts';
import { citeObservations, collectedObservations, describeWhere, groupBy } from './sent-observations.ts';

const meta: RuleMeta = {
  id: 'cancellation-demands-more',
  title: { zh: '注销账号要求提供多于注册时的个人信息', en: 'Cancellation demands more PI than registration' },
  description: {
    zh: '注销阶段收集了同一变体注册阶段未收集的个人信息类型。人脸、证件影像、手持身份证照片和身份证号为高，其余为中。',
    en: 'The delete phase collects PI types the register phase of the same variant did not. High for faces, ID images, hand-held ID photos and ID numbers, else medium.',
  },
  severity: 'high',
  clauses: ['gbt35273-2020-8.5', 'identification-2019-6-2', 'network-data-2024-art23', 'cac-draft-2026-cancellation'],
  kind: 'cancellation',
};

function evaluate(input: RuleInput): RuleResult {
  const collected = collectedObservations(input).filter((o) => o.party.kind !== 'unknown');
  const findings: VariantFinding[] = [];
  const evaluations: RuleEvaluation[] = [];
  for (const { variant } of evidenceOutcomes(input.run).filter((o) => o.phase === 'delete')) {
    const registered = new Set(collected.filter((o) => o.variant === variant && o.phase === 'register').map((o) => o.piType));
    const register = outcomeOf(input.run, variant, 'register');
    if (register?.status !== 'completed') {
      evaluations.push(notApplicable(meta, 'delete', variant, `no completed register phase to compare with (${register ? whyNotEvidence(register) : 'none'})`));
      continue;
    }
    const extra = collected.filter((o) => o.variant === variant && o.phase === 'delete' && !registered.has(o.piType));
    const variantFindings = [...groupBy(extra, (o) => o.piType)].map(([piType, obs]) =>
      makeFinding(meta, {
        subject: piType,
        phase: 'delete',
        variant,
        piTypes: [piType],
        severity: isIdentityProof(input.catalogs, piType) ? 'high' : 'medium',
        reasoning:
          `Cancellation (${variant}) collected ${piLabel(input.catalogs, piType)} (${describeWhere(obs)}), ` +
          `which registration did not collect (register sent ${registered.size ? piLabels(input.catalogs, [...registered].sort()) : 'no PI'}).` +
          ' The 2026 CAC text against new face or hand-held ID photos at cancellation is a draft.',
        evidence: { ...citeObservations(obs), timeline: [] },
      }),
    );
    findings.push(...variantFindings);
    evaluations.push(makeEvaluation(meta, 'delete', variant, variantFindings));
  }
  return { findings, evaluations };
}

export const cancellationDemandsMore: Rule = { meta, evaluate };
