import { describe, expect, it } from 'vitest';
import type { PhaseOutcome } from '../../src/core/phase.ts';
import type { RuleEvaluation } from '../../src/core/rule.ts';
import { combineVerdicts, evaluationVerdict } from '../../src/report/verdict.ts';

const ev = (status: RuleEvaluation['status'], phase: RuleEvaluation['phase'] = 'login', variant: RuleEvaluation['variant'] = 'accept-all'): RuleEvaluation => ({
  ruleId: 'r',
  phase,
  variant,
  status,
  findingIds: [],
});

describe('test-item verdicts', () => {
  const outcomes: PhaseOutcome[] = [
    { phase: 'login', variant: 'accept-all', status: 'completed' },
    { phase: 'verify', variant: 'accept-all', status: 'error', message: 'scenario threw' },
    { phase: 'delete', variant: 'accept-all', status: 'not-tested', message: 'not scripted' },
  ];

  it('reads a rule not applicable in a phase that never ran as not tested (未测试), and in one that ran as not applicable', () => {
    expect(evaluationVerdict(ev('not-applicable', 'verify'), new Map(), outcomes)).toBe('not-tested');
    expect(evaluationVerdict(ev('not-applicable', 'delete'), new Map(), outcomes)).toBe('not-tested');
    expect(evaluationVerdict(ev('not-applicable', 'login'), new Map(), outcomes)).toBe('not-applicable');
    expect(evaluationVerdict(ev('not-applicable', null, null), new Map(), outcomes)).toBe('not-applicable');
    expect(evaluationVerdict(ev('held', 'verify'), new Map(), outcomes)).toBe('conforms');
  });

  it('lets a variant that was tested decide over one that was not', () => {
    expect(combineVerdicts(['not-tested', 'conforms'])).toBe('conforms');
    expect(combineVerdicts(['not-applicable', 'not-tested'])).toBe('not-tested');
  });
});
