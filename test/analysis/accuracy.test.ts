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
    // Floors are the latest measurement; they rise as misses are fixed in general, never fall. Each held-out batch was
    // scored once before any change against it (2026-12-03): batch 6 (braze-jpush-docs.yaml) P 0.855 / R 0.793, batch 7
    // (chinese-sdk-docs.yaml) P 0.861 / R 0.795, batch 8 (open-api-fixtures.yaml, after the fixes for 6 and 7) P 0.778 /
    // R 0.875, batch 9 (collab-and-shop-apis.yaml, after the fixes for 8) P 0.953 / R 0.820; after the general fixes
    // against them the whole corpus is at P 0.985 (776/788), R 0.960 (776/808).
    expect(precision(r.overall), misses).toBeGreaterThanOrEqual(0.984);
    expect(recall(r.overall), misses).toBeGreaterThanOrEqual(0.960);
    // The goal holds per type, not only overall: a type found well cannot hide one found badly. The known
    // shortfalls are listed (and must be taken off the list when closed); the corpus files' headers say why each is below.
    const KNOWN_BELOW = ['account_id', 'address', 'birth_date', 'contacts', 'destination', 'id_number', 'id_validity', 'idfv', 'im_contact_list', 'issuing_bank', 'location', 'nickname', 'sms_code'];
    const below = [...r.perType].filter(([, s]) => precision(s) < 0.99 || recall(s) < 0.95).map(([t]) => t).sort();
    expect(below, misses).toEqual(KNOWN_BELOW);
    // Look-alikes still reported (batch 8, Stripe): a store's address and name, Stripe's own receiving bank. No other may be.
    const KNOWN_NEGATIVE_HITS = [
      'stripe-source response.body.ach_credit_transfer.bank_name',
      'stripe-terminal-location response.body.address',
      'stripe-terminal-location response.body.display_name',
    ];
    expect(r.negativesHit.map((n) => `${n.caseId} ${n.path}`).sort()).toEqual(KNOWN_NEGATIVE_HITS);
    expect(r.receivers.filter((x) => !x.named)).toEqual([]);
  }, 120_000);
});
