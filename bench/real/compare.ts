// Holds privlab's findings.json against an app's expected verdicts and ground truth, rule by rule.

import type { FindingsFile } from '../../src/core/rule.ts';
import type { GroundTruth } from './lib/ground-truth.ts';

export type Verdict = 'violated' | 'held' | 'not-applicable' | 'not-tested';

export interface Expectation {
  verdict: Verdict;
  why: string;
  backedBy?: string[];
  findings?: string[];
}

export interface Expected {
  app: string;
  rules: Record<string, Expectation>;
}

export interface RuleRow {
  rule: string;
  expected: Verdict;
  privlab: Verdict;
  /** Finding ids privlab reported that the expectation does not allow. */
  falseFindings: string[];
  /** Expected finding ids (or the violation itself) privlab did not report. */
  misses: string[];
  /** Ground-truth facts cited by the expectation that did not hold: the expectation itself is unproven. */
  unbacked: string[];
}

/** privlab's verdict on one rule: violated if it reported a finding, else held, else not applicable, else not tested. */
export function privlabVerdict(f: FindingsFile, rule: string): Verdict {
  if (f.findings.some((x) => x.ruleId === rule)) return 'violated';
  const evals = f.evaluations.filter((e) => e.ruleId === rule);
  if (evals.some((e) => e.status === 'held')) return 'held';
  // A phase the scenario does not script reads "not-applicable: … not tested" in the evaluations.
  if (evals.some((e) => e.status === 'not-applicable' && !/not[ -]tested|not run/.test(e.reason ?? ''))) return 'not-applicable';
  return 'not-tested';
}

export function compare(f: FindingsFile, expected: Expected, truth: GroundTruth): RuleRow[] {
  const rules = f.rules.map((r) => r.id);
  for (const id of Object.keys(expected.rules)) {
    if (!rules.includes(id)) throw new Error(`expected.yaml of ${expected.app}: rule "${id}" is not one of privlab's rules (${rules.join(', ')})`);
  }
  return rules.map((rule) => {
    const exp = expected.rules[rule];
    const reported = f.findings.filter((x) => x.ruleId === rule).map((x) => x.id);
    const privlab = privlabVerdict(f, rule);
    const expectedVerdict: Verdict = exp?.verdict ?? (privlab === 'not-applicable' || privlab === 'not-tested' ? privlab : 'held');
    const allowed = exp?.verdict === 'violated' ? exp.findings : [];
    const falseFindings = allowed === undefined ? [] : reported.filter((id) => !allowed.includes(id));
    const misses =
      exp?.verdict !== 'violated' ? [] : exp.findings ? exp.findings.filter((id) => !reported.includes(id)) : privlab === 'violated' ? [] : [`${rule} (no finding)`];
    const unbacked = (exp?.backedBy ?? []).filter((fact) => truth.facts[fact] !== true);
    return { rule, expected: expectedVerdict, privlab, falseFindings, misses, unbacked };
  });
}
