// Asking again after a refusal (不得在个人明确表示不同意后频繁征求同意): a prompt for a subject the user refused
// in this variant shows again, in the same phase or a later one. Choice points count as prompts, so an
// Android permission dialog the scenario answers twice counts too.

import type { VariantFinding } from '../core/finding.ts';
import type { PhaseName, VariantName } from '../core/phase.ts';
import type { Rule, RuleInput, RuleMeta, RuleResult } from '../core/rule.ts';
import type { TimelineEvent } from '../core/timeline.ts';
import { evidenceEvents, subjectsOf } from './consent-facts.ts';
import { evaluationsByPhase, makeFinding } from './rule-output.ts';
import { groupBy } from './sent-observations.ts';

const meta: RuleMeta = {
  id: 'consent-re-asked',
  title: { zh: '用户明确拒绝后再次征求同意', en: 'Consent asked again after refusal' },
  description: {
    zh: '同一变体中用户拒绝某一事项（同意弹窗、可选项或系统权限）后，App在同一阶段再次询问，或在之后的阶段再次询问；每个阶段一条，注明次数。',
    en: 'After the user refused a subject (a consent prompt, an optional item or an OS permission) in a variant, the app asks for it again in the same phase or a later one; one finding per phase, with the count.',
  },
  severity: 'medium',
  clauses: ['network-data-2024-art22', 'identification-2019-3-2', 'miit-164-2020-2.1'],
  kind: 'consent',
};

/** Marks that the last ask was a choice point, whose branch may record the same prompt as a consent. */
const CHOICE = '(choice)';

interface Ask {
  key: string;
  label: string;
  event: TimelineEvent;
  refused: boolean;
}

/** Each prompt an event shows: consent subjects by catalog id, choice points by kind and subject. */
function asks(e: TimelineEvent): Ask[] {
  switch (e.type) {
    case 'consent-asked':
      return [{ key: `consent:${e.subject}`, label: e.subject, event: e, refused: false }];
    case 'consent':
      // A withdrawal is the user's own act, not the app asking.
      if (e.decision === 'withdraw') return [];
      return subjectsOf(e).map((s) => ({ key: `consent:${s}`, label: s, event: e, refused: e.decision === 'refuse' }));
    case 'choice':
      // The policy choice writes its own consent event too: counted once, as the consent.
      if (e.kind === 'policy') return [];
      return [{ key: `${e.kind}:${e.subject}`, label: `${e.kind} "${e.subject}"`, event: e, refused: e.decision === 'refuse' }];
    default:
      return [];
  }
}

function evaluate(input: RuleInput): RuleResult {
  const findings: VariantFinding[] = [];
  const refusing = new Set<string>();
  for (const [variant, events] of groupBy(evidenceEvents(input), (e) => e.variant!)) {
    findings.push(...reAsks(variant as VariantName, events));
    if (events.some((e) => asks(e).some((a) => a.refused))) refusing.add(variant);
  }
  const evaluations = evaluationsByPhase(meta, input.run, findings).map((e) =>
    e.status === 'held' && e.variant && !refusing.has(e.variant) ? { ...e, reason: 'nothing was refused in this variant' } : e,
  );
  return { findings, evaluations };
}

function reAsks(variant: VariantName, events: readonly TimelineEvent[]): VariantFinding[] {
  const refusedAt = new Map<string, TimelineEvent>();
  const again: Array<Ask & { refusal: TimelineEvent }> = [];
  // The scenario answering a prompt it saw (consent.asked, then refuse or accept) or a choice branch recording
  // its consent is one ask, not two: the answer is not counted again.
  let pending: string | undefined;
  for (const e of events) {
    const list = asks(e);
    if (e.type === 'consent' && pending === CHOICE) list.length = 0;
    for (const a of list) {
      const answered = e.type === 'consent' && pending === a.key;
      const refusal = refusedAt.get(a.key);
      if (refusal && !answered) again.push({ ...a, refusal });
      if (a.refused) refusedAt.set(a.key, e);
    }
    if (list.length || e.type === 'choice') pending = e.type === 'consent-asked' ? list[0]!.key : e.type === 'choice' ? CHOICE : undefined;
  }
  return [...groupBy(again, (a) => `${a.event.phase}|${a.key}`).values()].map((group) => {
    const first = group[0]!;
    const phase = first.event.phase as PhaseName;
    const samePhase = first.refusal.phase === phase;
    return makeFinding(meta, {
      subject: first.key,
      phase,
      variant,
      piTypes: [],
      reasoning:
        `${first.label} was refused in ${first.refusal.phase} (timeline ${first.refusal.seq}) and asked for again ` +
        `${group.length} time${group.length > 1 ? 's' : ''} ${samePhase ? 'later in the same phase' : `in ${phase}`} (${variant}; timeline ${group.map((a) => a.event.seq).join(', ')}).`,
      evidence: { flows: [], observations: [], timeline: [first.refusal.seq, ...group.map((a) => a.event.seq)] },
    });
  });
}

export const consentReAsked: Rule = { meta, evaluate };
