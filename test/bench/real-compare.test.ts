// bench:real's judgement of findings.json against expected.yaml: false findings, misses, verdicts,
// and expectations whose ground-truth facts do not hold.

import { describe, expect, it } from 'vitest';
import { compare, privlabVerdict, type Expected } from '../../bench/real/compare.ts';
import type { FindingsFile, RuleEvaluation } from '../../src/core/rule.ts';

const rule = (id: string) => ({ id, title: { zh: id, en: id }, description: { zh: '', en: '' }, severity: 'medium' as const, clauses: [], kind: 'consent' as const });
const evaluation = (ruleId: string, status: RuleEvaluation['status'], reason?: string): RuleEvaluation => ({ ruleId, phase: 'register', variant: 'accept-all', status, findingIds: [], ...(reason ? { reason } : {}) });
const finding = (id: string) => ({ id, ruleId: id.split(':')[0]! }) as FindingsFile['findings'][number];

function file(findings: string[], evaluations: RuleEvaluation[]): FindingsFile {
  return {
    schemaVersion: 1, runId: 'r', target: { name: 't', category: 'news', platform: 'web' }, generatedAt: '', privlabVersion: '0', complete: true, outcomes: [],
    rules: ['over-collection', 'collection-before-consent', 'cancellation-missing', 'face-only'].map(rule),
    evaluations,
    findings: findings.map(finding),
  };
}

const expected: Expected = {
  app: 't',
  rules: {
    'over-collection': { verdict: 'violated', why: 'e-mail required', backedBy: ['emailStored'], findings: ['over-collection:register:email'] },
    'collection-before-consent': { verdict: 'violated', why: 'no policy' },
    'cancellation-missing': { verdict: 'held', why: 'deletion works', backedBy: ['accountsGone'] },
  },
};

describe('bench:real comparison', () => {
  it('counts findings outside the expected ids as false and expected ids not reported as misses', () => {
    const f = file(['over-collection:login:email', 'cancellation-missing:delete:cancellation'], [evaluation('face-only', 'held')]);
    const rows = compare(f, expected, { facts: { emailStored: true, accountsGone: false }, notes: [] });
    const by = Object.fromEntries(rows.map((r) => [r.rule, r]));
    expect(by['over-collection']).toMatchObject({ privlab: 'violated', falseFindings: ['over-collection:login:email'], misses: ['over-collection:register:email'], unbacked: [] });
    expect(by['collection-before-consent']).toMatchObject({ privlab: 'not-tested', misses: ['collection-before-consent (no finding)'] });
    expect(by['cancellation-missing']).toMatchObject({ expected: 'held', falseFindings: ['cancellation-missing:delete:cancellation'], unbacked: ['accountsGone'] });
    expect(by['face-only']).toMatchObject({ expected: 'held', privlab: 'held', falseFindings: [], misses: [] });
  });

  it('reads not-tested from evaluations that say so, and rejects an unknown rule id', () => {
    expect(privlabVerdict(file([], [evaluation('face-only', 'not-applicable', 'verify not tested: not scripted')]), 'face-only')).toBe('not-tested');
    expect(privlabVerdict(file([], [evaluation('face-only', 'not-applicable', 'no face step')]), 'face-only')).toBe('not-applicable');
    expect(() => compare(file([], []), { app: 'x', rules: { 'no-such-rule': { verdict: 'held', why: 'w' } } }, { facts: {}, notes: [] })).toThrow(/expected.yaml of x: rule "no-such-rule"/);
  });
});
