// The labelled corpus (test/fixtures/corpus) must keep precision >= 0.98 and recall >= 0.95 overall.
import { describe, expect, it } from 'vitest';
import { evaluateCorpus } from '../fixtures/corpus/evaluate.ts';
import { precision, recall } from '../fixtures/corpus/materialise.ts';
import { testCatalogs } from './helpers.ts';

describe('detection accuracy on the labelled corpus', () => {
  it('precision >= 0.98 and recall >= 0.95, hostile cases noted', async () => {
    const r = await evaluateCorpus(testCatalogs());
    const misses = r.errors.map((e) => `${e.kind} ${e.caseId}: ${e.piType} at ${e.path}`).join('\n');
    expect(r.overall.tp).toBeGreaterThan(50);
    expect(precision(r.overall), misses).toBeGreaterThanOrEqual(0.98);
    expect(recall(r.overall), misses).toBeGreaterThanOrEqual(0.95);
    expect(r.missingNotes).toEqual([]);
  }, 120_000);
});
