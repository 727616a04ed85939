// No way to cancel the account: the tester states they found none, or delete is blocked under accept-all.

import type { Rule, RuleInput, RuleMeta, RuleResult } from '../core/rule.ts';
import type { VariantFinding } from '../core/finding.ts';
import { makeEvaluation, makeFinding, notApplicable } from './rule-output.ts';
import { describeOutcome, outcomeOf, phaseEnd, phaseEvents, whyNotEvidence } from './run-facts.ts';

const meta: RuleMeta = {
  id: 'cancellation-missing',
  title: { zh: '未提供有效的账号注销功能', en: 'No effective account cancellation' },
  description: {
    zh: '测试人员声明查找后未发现注销功能，或在全部同意（accept-all）时注销阶段被阻断。场景未编写注销阶段本身不构成结论（未测试）。',
    en: 'The tester states they looked for account cancellation and found none, or the delete phase is blocked under accept-all. A scenario without a delete phase is not tested, not a finding.',
  },
  severity: 'medium',
  clauses: ['identification-2019-6-1', 'network-data-2024-art23', 'pipl-art47', 'gbt35273-2020-8.5'],
  kind: 'cancellation',
};

function finding(input: RuleInput, why: string, timeline: number[]): VariantFinding {
  return makeFinding(meta, {
    subject: 'cancellation',
    phase: 'delete',
    variant: 'accept-all',
    piTypes: [],
    reasoning: `Account cancellation could not be completed: ${why}.`,
    evidence: { flows: [], observations: [], timeline },
  });
}

function evaluate(input: RuleInput): RuleResult {
  const { run, timeline } = input;
  const del = outcomeOf(run, 'accept-all', 'delete');
  if (!del) return { findings: [], evaluations: [notApplicable(meta, 'delete', 'accept-all', 'accept-all was not run')] };
  const statement = run.target.testerStatements?.noCancellation;
  const endSeq = phaseEnd(phaseEvents(timeline, 'accept-all', 'delete'))?.seq;

  if (del.status === 'completed') {
    const note = statement ? ' (the scenario also states no cancellation was found; the completed delete phase outweighs it)' : '';
    return { findings: [], evaluations: [makeEvaluation(meta, 'delete', 'accept-all', [], `delete completed under accept-all${note}`)] };
  }
  if (del.status === 'blocked') {
    const f = finding(input, `the delete phase was ${describeOutcome(del)} under accept-all, where every choice was accepted`, endSeq === undefined ? [] : [endSeq]);
    return { findings: [f], evaluations: [makeEvaluation(meta, 'delete', 'accept-all', [f])] };
  }
  if (statement && del.status === 'not-tested' && run.complete) {
    const f = finding(input, `the tester states: "${statement}"`, []);
    return { findings: [f], evaluations: [makeEvaluation(meta, 'delete', 'accept-all', [f], 'rests on the tester\'s statement')] };
  }
  // A harness error, an earlier phase that stopped, an unscripted delete or a run that stopped: no verdict.
  return { findings: [], evaluations: [notApplicable(meta, 'delete', 'accept-all', whyNotEvidence(del))] };
}

export const cancellationMissing: Rule = { meta, evaluate };
