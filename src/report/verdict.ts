// How a rule's evaluation reads in a report: a lab's 符合 / 不符合 / 未测试 / 不适用, plus 已豁免 when every
// finding behind a violation was waived by a reviewer.

import type { Finding } from '../core/finding.ts';
import type { PhaseOutcome } from '../core/phase.ts';
import type { RuleEvaluation } from '../core/rule.ts';

export type Verdict = 'nonconforming' | 'waived' | 'conforms' | 'not-tested' | 'not-applicable';

/** Strongest first: a test item that is nonconforming in one variant is nonconforming. */
const ORDER: readonly Verdict[] = ['nonconforming', 'waived', 'conforms', 'not-tested', 'not-applicable'];

/** Outcomes that leave a phase untested: a rule not applicable there was never put to the test (未测试). */
const UNTESTED: readonly PhaseOutcome['status'][] = ['error', 'not-run', 'not-tested'];

export function evaluationVerdict(ev: RuleEvaluation, findingById: Map<string, Finding>, outcomes: readonly PhaseOutcome[] = []): Verdict {
  if (ev.status === 'held') return 'conforms';
  if (ev.status === 'not-applicable') {
    if (!ev.phase || !ev.variant) return 'not-applicable';
    const o = outcomes.find((x) => x.phase === ev.phase && x.variant === ev.variant);
    return !o || UNTESTED.includes(o.status) ? 'not-tested' : 'not-applicable';
  }
  const findings = ev.findingIds.map((id) => findingById.get(id)).filter((f): f is Finding => f !== undefined);
  // A violation without any finding on record still counts: the rule said so.
  return findings.length && findings.every((f) => f.waived) ? 'waived' : 'nonconforming';
}

export function combineVerdicts(verdicts: Verdict[]): Verdict {
  for (const v of ORDER) if (verdicts.includes(v)) return v;
  return 'not-applicable';
}
