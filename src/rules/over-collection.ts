// A PI type the app sent in a phase that its category's necessary set does not contain.

import type { VariantFinding } from '../core/finding.ts';
import type { Rule, RuleInput, RuleMeta, RuleResult } from '../core/rule.ts';
import { baseline, describeBaseline } from './necessity.ts';
import { piLabel, severityBySensitivity } from './pi-classes.ts';
import { evaluationsByPhase, makeFinding, notApplicable } from './rule-output.ts';
import { evidenceOutcomes } from './run-facts.ts';
import { citeObservations, describeWhere, groupBy } from './sent-observations.ts';

const meta: RuleMeta = {
  id: 'over-collection',
  title: { zh: '超出必要范围收集个人信息', en: 'Personal information beyond the necessary scope' },
  description: {
    zh: '某阶段发送的个人信息类型不在该App类型的必要个人信息范围内。敏感个人信息为高，其余为中。声明的用途不使其成为必要。',
    en: "A PI type sent in a phase is outside the app category's necessary PI. Severity high for sensitive PI, else medium. A declared purpose does not make it necessary.",
  },
  severity: 'high',
  clauses: [
    'necessary-pi-2021-art3',
    'necessary-pi-2021-art5',
    'pipl-art6',
    'identification-2019-4-1',
    'network-data-2024-art22',
    'cybersecurity-law-art41',
    'gbt35273-2020-5.2',
    'miit-164-2020-1.2',
  ],
  kind: 'over-collection',
};

function evaluate(input: RuleInput): RuleResult {
  const { run, catalogs } = input;
  const base = baseline(input);
  if (!base) {
    return { findings: [], evaluations: [notApplicable(meta, null, null, `unknown category "${run.target.category}"`)] };
  }
  const declared = new Map((run.target.declarations?.collects ?? []).map((d) => [d.piType, d.purpose]));
  const byPhase = groupBy(base.outside, (o) => `${o.variant}/${o.phase}`);

  const findings: VariantFinding[] = [];
  for (const { phase, variant } of evidenceOutcomes(run)) {
    const phaseFindings = [...groupBy(byPhase.get(`${variant}/${phase}`) ?? [], (o) => o.piType)].map(([piType, obs]) => {
      const purpose = declared.get(piType);
      const declaredNote = declared.has(piType)
        ? ` The app declares it${purpose ? ` for "${purpose}"` : ''}; a declared purpose does not make it necessary for the basic function.`
        : '';
      return makeFinding(meta, {
        subject: piType,
        phase,
        variant,
        piTypes: [piType],
        severity: severityBySensitivity(catalogs, [piType]),
        reasoning: `${piLabel(catalogs, piType)} was sent in ${phase} (${variant}): ${describeWhere(obs)}; ${describeBaseline(base)}.${declaredNote}`,
        evidence: { ...citeObservations(obs), timeline: [] },
      });
    });
    findings.push(...phaseFindings);
  }
  return { findings, evaluations: evaluationsByPhase(meta, run, findings) };
}

export const overCollection: Rule = { meta, evaluate };
