// One consent act covering a necessary and an optional subject, or subjects of different services
// (一揽子授权, 捆绑不同类型服务): the user cannot agree to one without the other.

import type { PhaseName } from '../core/phase.ts';
import type { Rule, RuleInput, RuleMeta, RuleResult } from '../core/rule.ts';
import type { ConsentEvent } from '../core/timeline.ts';
import { bundledBecause, evidenceEvents, knownSubjects } from './consent-facts.ts';
import { evaluationsByPhase, makeFinding } from './rule-output.ts';

const meta: RuleMeta = {
  id: 'bundled-consent',
  title: { zh: '捆绑或一揽子征求同意', en: 'Bundled or blanket consent' },
  description: {
    zh: '一次同意操作同时涵盖必要事项（隐私政策、用户协议）与非必要事项（营销、个性化广告、人脸识别等），或涵盖不同业务功能的事项。涵盖必要与非必要事项时为高，其余为中。',
    en: 'One consent act covers a necessary subject (privacy policy, user agreement) together with an optional one (marketing, personalised ads, face recognition...), or subjects of different services. High when necessary and optional subjects are bundled, else medium.',
  },
  severity: 'high',
  clauses: ['pipl-art14', 'pipl-art16', 'gbt35273-2020-5.3', 'identification-2019-4-6', 'network-data-2024-art22'],
  kind: 'consent',
};

function evaluate(input: RuleInput): RuleResult {
  const acts = evidenceEvents(input).filter((e): e is ConsentEvent => e.type === 'consent' && e.decision === 'accept');
  const seen = new Set<string>();
  const findings = acts.flatMap((c) => {
    const subjects = knownSubjects(input.catalogs, c);
    const why = bundledBecause(subjects);
    if (!why) return [];
    const ids = subjects.map((s) => s.id).sort();
    // The same bundle shown twice in one phase is one fact.
    const key = `${c.variant}/${c.phase}/${ids.join('+')}`;
    if (seen.has(key)) return [];
    seen.add(key);
    return [
      makeFinding(meta, {
        subject: ids.join('+'),
        phase: c.phase as PhaseName,
        variant: c.variant,
        // About the act, not about PI sent: the subjects are in the id and the reasoning.
        piTypes: [],
        severity: subjects.some((s) => s.necessary) ? 'high' : 'medium',
        reasoning: `One act in ${c.phase} (${c.variant}, timeline ${c.seq}) accepted ${ids.join(', ')} together: ${why}.`,
        evidence: { flows: [], observations: [], timeline: [c.seq] },
      }),
    ];
  });
  // "Held" with no consent act in the phase says nothing was bundled because nothing was asked: say so.
  const withActs = new Set(acts.map((c) => `${c.variant}/${c.phase}`));
  const evaluations = evaluationsByPhase(meta, input.run, findings).map((e) =>
    e.status === 'held' && !withActs.has(`${e.variant}/${e.phase}`) ? { ...e, reason: 'no consent act recorded in this phase' } : e,
  );
  return { findings, evaluations };
}

export const bundledConsent: Rule = { meta, evaluate };
