// No way to cancel the account: the scenario drives no delete phase, or delete never completes under accept-all.

import { PHASES } from '../core/phase.ts';
import type { Rule, RuleInput, RuleMeta, RuleResult } from '../core/rule.ts';
import { makeEvaluation, makeFinding, notApplicable } from './rule-output.ts';
import { describeOutcome, outcomeOf, phaseEnd, phaseEvents } from './run-facts.ts';

const meta: RuleMeta = {
  id: 'cancellation-missing',
  title: { zh: '未提供有效的账号注销功能', en: 'No effective account cancellation' },
  description: {
    zh: '场景没有注销阶段，或在全部同意（accept-all）时注销阶段被阻断。',
    en: 'The scenario drives no delete phase, or the delete phase is blocked under accept-all.',
  },
  severity: 'medium',
  clauses: ['identification-2019-6-1', 'network-data-2024-art23', 'pipl-art47', 'gbt35273-2020-8.5'],
  kind: 'cancellation',
};

function evaluate(input: RuleInput): RuleResult {
  const { run, timeline } = input;
  if (!run.variants.includes('accept-all')) {
    return { findings: [], evaluations: [notApplicable(meta, 'delete', 'accept-all', 'accept-all was not run')] };
  }
  const del = outcomeOf(run, 'accept-all', 'delete');
  const earlier = PHASES.slice(0, PHASES.indexOf('delete')).map((p) => outcomeOf(run, 'accept-all', p));
  const stoppedEarlier = earlier.find((o) => o && o.status !== 'completed' && o.status !== 'not-run');
  let why: string | undefined;
  if (!del || del.status === 'not-run') {
    if (stoppedEarlier) {
      return {
        findings: [],
        evaluations: [notApplicable(meta, 'delete', 'accept-all', `delete not reached: ${stoppedEarlier.phase} ${describeOutcome(stoppedEarlier)}`)],
      };
    }
    why = 'the scenario drives no delete (account cancellation) phase: the tester found no cancellation function to script';
  } else if (del.status === 'blocked') {
    why = `the delete phase was ${describeOutcome(del)} under accept-all, where every choice was accepted`;
  } else if (del.status === 'error') {
    // A harness or scenario error says nothing about the app.
    return { findings: [], evaluations: [notApplicable(meta, 'delete', 'accept-all', `delete ended in a harness error: ${del.message ?? ''}`.trim())] };
  }
  const findings = why
    ? [
        makeFinding(meta, {
          subject: 'cancellation',
          phase: 'delete',
          variant: 'accept-all',
          piTypes: [],
          reasoning: `Account cancellation could not be completed: ${why}.`,
          evidence: { flows: [], observations: [], timeline: [phaseEnd(phaseEvents(timeline, 'accept-all', 'delete'))?.seq].filter((s): s is number => s !== undefined) },
        }),
      ]
    : [];
  return { findings, evaluations: [makeEvaluation(meta, 'delete', 'accept-all', findings)] };
}

export const cancellationMissing: Rule = { meta, evaluate };
