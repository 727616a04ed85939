// A PI type the app sent in a phase that its category's necessary set does not contain.

import type { VariantFinding } from '../core/finding.ts';
import type { Rule, RuleInput, RuleMeta, RuleResult } from '../core/rule.ts';
import { baseline, describeBaseline } from './necessity.ts';
import { piLabel, severityBySensitivity } from './pi-classes.ts';
import type { PhaseName, VariantName } from '../core/phase.ts';
import { userChoiceFor } from './optional-choice.ts';
import { evaluationsByPhase, makeFinding, notApplicable } from './rule-output.ts';
import { evidenceOutcomes } from './run-facts.ts';
import { citeObservations, describeWhere, groupBy } from './sent-observations.ts';

const meta: RuleMeta = {
  id: 'over-collection',
  title: { zh: '超出必要范围收集个人信息', en: 'Personal information beyond the necessary scope' },
  description: {
    zh: '某阶段发送的个人信息类型不在该App类型的必要个人信息范围内，且App要求提供或未经用户选择即发送。用户可拒绝而不影响基本功能的可选项不计。敏感个人信息为高，其余为中。声明的用途不使其成为必要。',
    en: "A PI type sent in a phase is outside the app category's necessary PI, and the app requires it or sends it without the user's choice. An optional item the user could refuse without losing the basic function does not count. High for sensitive PI, else medium. A declared purpose does not make it necessary.",
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
  const chosen: Array<{ phase: PhaseName; variant: VariantName; note: string }> = [];
  for (const { phase, variant } of evidenceOutcomes(run)) {
    const groups = [...groupBy(byPhase.get(`${variant}/${phase}`) ?? [], (o) => o.piType)].filter(([piType]) => {
      const choice = userChoiceFor(input, variant, phase, piType);
      if (choice) chosen.push({ phase, variant, note: `${piLabel(catalogs, piType)} collected with the user's choice (timeline ${choice.choice.seq}; ${choice.refusable})` });
      return !choice;
    });
    const phaseFindings = groups.map(([piType, obs]) => {
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
  const evaluations = evaluationsByPhase(meta, run, findings).map((e) => {
    const notes = chosen.filter((c) => c.phase === e.phase && c.variant === e.variant).map((c) => c.note);
    return notes.length ? { ...e, reason: [e.reason, ...notes].filter(Boolean).join('; ') } : e;
  });
  return { findings, evaluations };
}

export const overCollection: Rule = { meta, evaluate };
