// How a rule's evaluation reads in a report: a lab's 符合 / 不符合 / 不适用, plus 已豁免 when every
// finding behind a violation was waived by a reviewer.

import type { Finding } from '../core/finding.ts';
import type { RuleEvaluation } from '../core/rule.ts';

export type Verdict = 'nonconforming' | 'waived' | 'conforms' | 'not-applicable';

/** Strongest first: a test item that is nonconforming in one variant is nonconforming. */
const ORDER: readonly Verdict[] = ['nonconforming', 'waived', 'conforms', 'not-applicable'];

export function evaluationVerdict(ev: RuleEvaluation, findingById: Map<string, Finding>): Verdict {
  if (ev.status === 'held') return 'conforms';
  if (ev.status === 'not-applicable') return 'not-applicable';
  const findings = ev.findingIds.map((id) => findingById.get(id)).filter((f): f is Finding => f !== undefined);
  // A violation without any finding on record still counts: the rule said so.
  return findings.length && findings.every((f) => f.waived) ? 'waived' : 'nonconforming';
}

export function combineVerdicts(verdicts: Verdict[]): Verdict {
  for (const v of ORDER) if (verdicts.includes(v)) return v;
  return 'not-applicable';
}
