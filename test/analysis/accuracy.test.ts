// The labelled corpus (test/fixtures/corpus) must keep precision >= 0.98 and recall >= 0.95 overall; the
// independent real corpus (bench/corpus/real) must not fall below what was measured when it was built.
import { describe, expect, it } from 'vitest';
import { evaluateCorpus } from '../fixtures/corpus/evaluate.ts';
import { precision, recall } from '../fixtures/corpus/materialise.ts';
import { testCatalogs } from './helpers.ts';
import { evaluateRealCorpus } from '../fixtures/corpus/real-corpus.ts';

describe('detection accuracy on the labelled corpus', () => {
  it('precision >= 0.98 and recall >= 0.95, hostile cases noted', async () => {
    const r = await evaluateCorpus(testCatalogs());
    const misses = r.errors.map((e) => `${e.kind} ${e.caseId}: ${e.piType} at ${e.path}`).join('\n');
    expect(r.overall.tp).toBeGreaterThan(50);
    expect(precision(r.overall), misses).toBeGreaterThanOrEqual(0.98);
    expect(recall(r.overall), misses).toBeGreaterThanOrEqual(0.95);
    expect(r.missingNotes).toEqual([]);
  }, 120_000);

  it('real corpus: per type recall >= 0.95 at precision >= 0.99 (the known shortfall listed), look-alikes clean, every receiver named', async () => {
    const r = await evaluateRealCorpus(testCatalogs());
    const misses = r.errors.map((e) => `${e.kind} ${e.caseId}: ${e.piType} at ${e.path}`).join('\n');
    expect(r.labels).toBeGreaterThanOrEqual(200);
    expect(r.sources).toBeGreaterThanOrEqual(5);
    // Floors are the latest measurement (held-out batch 5 came in at P 0.966 = 315/326, R 0.907 = 315/347 on
    // 2026-12-03; before it 1.000 / 0.985); they rise as misses are fixed in general, never fall.
    expect(precision(r.overall), misses).toBeGreaterThanOrEqual(0.994);
    expect(recall(r.overall), misses).toBeGreaterThanOrEqual(0.997);
    // The goal holds per type, not only overall: a type found well cannot hide one found badly. The known
    // shortfalls are listed (and must be taken off the list when closed); bench/corpus/real/sdk-and-im-docs.yaml's
    // header says why each is below: QQ's sex "0" (unknown there, labelled no gender), mParticle's own device id
    // taken for the IDFV.
    const KNOWN_BELOW = ['gender', 'idfv'];
    const below = [...r.perType].filter(([, s]) => precision(s) < 0.99 || recall(s) < 0.95).map(([t]) => t).sort();
    expect(below, misses).toEqual(KNOWN_BELOW);
    expect(r.negativesHit.map((n) => `${n.caseId} ${n.path}`)).toEqual([]);
    expect(r.receivers.filter((x) => !x.named)).toEqual([]);
  }, 120_000);
});
