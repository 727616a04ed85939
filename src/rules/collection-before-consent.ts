// PI or device identifiers sent before the user accepted the privacy policy (or without any acceptance).

import type { VariantName } from '../core/phase.ts';
import type { Rule, RuleInput, RuleMeta, RuleResult } from '../core/rule.ts';
import type { ConsentEvent } from '../core/timeline.ts';
import { piLabels, severityBySensitivity } from './pi-classes.ts';
import { evaluationsByPhase, makeFinding } from './rule-output.ts';
import { consents } from './run-facts.ts';
import { citeObservations, collectedObservations, describeWhere, groupBy } from './sent-observations.ts';

const meta: RuleMeta = {
  id: 'collection-before-consent',
  title: { zh: '征得同意前收集个人信息', en: 'Personal information collected before consent' },
  description: {
    zh: '在该变体首次同意隐私政策之前（或从未同意时）流量中已出现个人信息或设备标识。含敏感个人信息为高，其余为中。',
    en: "PI or device identifiers appear in a variant's traffic before its first accepted privacy-policy consent, or with none at all. High when sensitive PI is among them, else medium.",
  },
  severity: 'high',
  clauses: ['identification-2019-3-1', 'pipl-art13', 'pipl-art14', 'pipl-art17', 'gbt41391-2022-6.4', 'miit-164-2020-1.1'],
  kind: 'consent',
};

const POLICY = 'privacy-policy';

function policyConsents(input: RuleInput): Map<VariantName, { accepted?: ConsentEvent; refused?: ConsentEvent }> {
  const byVariant = new Map<VariantName, { accepted?: ConsentEvent; refused?: ConsentEvent }>();
  for (const c of consents(input.timeline).sort((a, b) => a.seq - b.seq)) {
    if (c.subject !== POLICY || !c.variant) continue;
    const entry = byVariant.get(c.variant) ?? {};
    if (c.decision === 'accept') entry.accepted ??= c;
    else if (c.decision === 'refuse') entry.refused ??= c;
    byVariant.set(c.variant, entry);
  }
  return byVariant;
}

function evaluate(input: RuleInput): RuleResult {
  const policy = policyConsents(input);
  const early = collectedObservations(input).filter((o) => {
    if (!o.variant) return false;
    const accepted = policy.get(o.variant)?.accepted;
    return !accepted || Date.parse(o.time) < Date.parse(accepted.time);
  });
  const findings = [...groupBy(early, (o) => `${o.variant}/${o.phase}`).values()].map((obs) => {
    const first = obs[0]!;
    const { accepted, refused } = policy.get(first.variant!) ?? {};
    const piTypes = [...new Set(obs.map((o) => o.piType))];
    const when = accepted
      ? `before the privacy policy was accepted (timeline ${accepted.seq}, ${accepted.time})`
      : refused
        ? `although the privacy policy was refused (timeline ${refused.seq}) and never accepted in ${first.variant}`
        : `with no privacy-policy consent recorded in ${first.variant}`;
    return makeFinding(meta, {
      subject: 'before-policy-consent',
      phase: first.phase,
      variant: first.variant,
      piTypes,
      severity: severityBySensitivity(input.catalogs, piTypes),
      reasoning: `${piLabels(input.catalogs, piTypes)} sent in ${first.phase ?? 'no phase'} (${first.variant}) ${when}: ${describeWhere(obs)}.`,
      evidence: { ...citeObservations(obs), timeline: [accepted ?? refused].flatMap((c) => (c ? [c.seq] : [])) },
    });
  });
  return { findings, evaluations: evaluationsByPhase(meta, input.run, findings) };
}

export const collectionBeforeConsent: Rule = { meta, evaluate };
