// Marketing without consent (未经同意推送商业信息): a marketing or personalised-ads opt-in shown pre-ticked, or
// identifiers a marketing subject covers sent to an ads receiver before that subject was accepted.

import type { VariantFinding } from '../core/finding.ts';
import type { PhaseName } from '../core/phase.ts';
import type { Rule, RuleInput, RuleMeta, RuleResult } from '../core/rule.ts';
import type { ConsentDefaultEvent } from '../core/timeline.ts';
import { acceptedAt, evidenceEvents } from './consent-facts.ts';
import { describeParty } from './party.ts';
import { findingsPerReceiver } from './per-receiver.ts';
import { piLabels } from './pi-classes.ts';
import { evaluationsByPhase, makeFinding } from './rule-output.ts';
import { describeWhere, groupBy, sentObservations } from './sent-observations.ts';

const meta: RuleMeta = {
  id: 'marketing-without-consent',
  title: { zh: '未经同意进行营销推送或个性化广告', en: 'Marketing or personalised ads without consent' },
  description: {
    zh: '营销或个性化广告的同意选项默认勾选；或在该变体接受营销/个性化广告事项之前，其涵盖的标识（广告标识、设备标识等）已发送给广告类接收方。',
    en: 'A marketing or personalised-ads opt-in is pre-ticked; or identifiers a marketing subject covers (advertising and device ids...) reach an ads receiver before the variant accepted that subject.',
  },
  severity: 'high',
  clauses: ['identification-2019-3-4', 'identification-2019-3-1', 'pipl-art24', 'network-data-2024-art42', 'miit-164-2020-1.4'],
  kind: 'consent',
};

/** vendors.yaml kind of the receivers this rule is about. */
const ADS = 'ads';

function evaluate(input: RuleInput): RuleResult {
  const { catalogs } = input;
  const marketing = catalogs.consentSubjects.filter((s) => s.marketing);
  const marketingIds = new Set(marketing.map((s) => s.id));
  const shown = evidenceEvents(input).filter((e): e is ConsentDefaultEvent => e.type === 'consent-default' && e.checked && marketingIds.has(e.subject));
  // The same opt-in shown twice in a phase is one fact.
  const preTicked = [...groupBy(shown, (e) => `${e.variant}/${e.phase}/${e.subject}`).values()].map((g) => g[0]!);
  const findings: VariantFinding[] = preTicked.map((e) =>
    makeFinding(meta, {
      subject: `pre-ticked:${e.subject}`,
      phase: e.phase as PhaseName,
      variant: e.variant,
      piTypes: [],
      reasoning: `The ${e.subject} opt-in was already ticked when shown in ${e.phase} (${e.variant}, timeline ${e.seq}).`,
      evidence: { flows: [], observations: [], timeline: [e.seq] },
    }),
  );
  const early = sentObservations(input.observations).filter((o) => {
    if (o.variant === null || o.party.serviceKind !== ADS) return false;
    const covering = marketing.filter((s) => s.piTypes.includes(o.piType)).map((s) => s.id);
    if (!covering.length) return false;
    const held = acceptedAt(input.timeline, o.variant, o.time);
    return !covering.some((s) => held.has(s));
  });
  findings.push(
    ...findingsPerReceiver(meta, early, ({ first, piTypes, obs }) => ({
      reasoning:
        `${piLabels(catalogs, piTypes)} went to ${describeParty(first.party)}, an advertising receiver, in ${first.phase ?? 'no phase'} (${first.variant}) ` +
        `before any marketing or personalised-ads consent covering them was accepted: ${describeWhere(obs)}.`,
    })),
  );
  return { findings, evaluations: evaluationsByPhase(meta, input.run, findings) };
}

export const marketingWithoutConsent: Rule = { meta, evaluate };
