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
    // Floors are the latest measurement; they rise as misses are fixed in general, never fall. Held-out batches 6
    // (braze-jpush-docs.yaml) and 7 (chinese-sdk-docs.yaml) came in at P 0.855 / R 0.793 and P 0.861 / R 0.795 on
    // 2026-12-03 (whole corpus P 0.969 / R 0.935 with both); after the general fixes against them, P 0.992 (489/493) / R 0.970 (489/504).
    expect(precision(r.overall), misses).toBeGreaterThanOrEqual(0.991);
    expect(recall(r.overall), misses).toBeGreaterThanOrEqual(0.970);
    // The goal holds per type, not only overall: a type found well cannot hide one found badly. The known
    // shortfalls are listed (and must be taken off the list when closed); the corpus files' headers say why each is below.
    const KNOWN_BELOW = ['account_id', 'id_number', 'idfv', 'im_contact_list', 'location', 'nickname', 'real_name', 'sms_code'];
    const below = [...r.perType].filter(([, s]) => precision(s) < 0.99 || recall(s) < 0.95).map(([t]) => t).sort();
    expect(below, misses).toEqual(KNOWN_BELOW);
    expect(r.negativesHit.map((n) => `${n.caseId} ${n.path}`)).toEqual([]);
    expect(r.receivers.filter((x) => !x.named)).toEqual([]);
  }, 120_000);
});
