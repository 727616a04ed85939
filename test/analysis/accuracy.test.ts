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
    // R 0.875, batch 9 (collab-and-shop-apis.yaml, after the fixes for 8) P 0.953 / R 0.820, batch 10
    // (health-travel-fintech.yaml, after the fixes for 9; new domains: FHIR, Plaid, Duffel, Chinese hospital APIs)
    // P 0.652 / R 0.635 (after its fixes 0.810 / 0.805), batch 11 (mixed-apis-11.yaml, after the fixes for 10) P 0.843 /
    // R 0.752 (after its fixes 0.982 / 0.893), batch 12 (ride-delivery-shop-12.yaml, after those; ride-hailing, delivery,
    // cross-border shop) P 0.683 / R 0.739 (after its fixes 0.945 / 0.937); with batch 10's Duffel flight numbers and
    // cabin classes labelled as the itinerary pi-types.yaml defines (its header says why), the whole corpus is at
    // P 0.975 (1135/1164), R 0.937 (1135/1211). Batch 13 (recruit-school-agency-13.yaml, after those; job, school,
    // domestic-staff and HR APIs) P 0.748 / R 0.819 (after its fixes 0.803 / 0.895): the whole corpus is at P 0.959
    // (1229/1281), R 0.934 (1229/1316).
    expect(precision(r.overall), misses).toBeGreaterThanOrEqual(0.959);
    expect(recall(r.overall), misses).toBeGreaterThanOrEqual(0.933);
    // The goal holds per type, not only overall: a type found well cannot hide one found badly. The known
    // shortfalls are listed (and must be taken off the list when closed); the corpus files' headers say why each is below.
    const KNOWN_BELOW = ['account_id', 'address', 'age', 'birth_date', 'contacts', 'destination', 'device_model',
      'driving_license_info', 'education', 'email', 'employer', 'fund_account', 'gender', 'health', 'id_number', 'id_validity', 'idfa', 'idfv', 'im_contact_list',
      'income', 'issuing_bank', 'location', 'nickname', 'payment_info', 'phone_number', 'real_name', 'seat_number', 'sms_code'];
    const below = [...r.perType].filter(([, s]) => precision(s) < 0.99 || recall(s) < 0.95).map(([t]) => t).sort();
    expect(below, misses).toEqual(KNOWN_BELOW);
    // Look-alikes still reported: Stripe's store and receiving bank (batch 8), Chinese labels and placeholders under
    // "name" in patient records (batch 10: 患者姓名, 测试), a dating app's saved match filter read as the user's own gender (its form names no filter),
    // a placeholder model (batch 11), a shop's landline, cafés' coordinates and a 14-digit filler phone (batch 12);
    // batch 13's placeholders that earlier batches label as values (sequential phones 12345678901 and 123-456-7890,
    // xxx@xx.com: batch 4 labels "user": "12345678901", batch 5 "$mobile": "123-456-7890", batch 2 xxx@growingio.com),
    // a textbook ID with a wrong check digit, a class's school and a company's address. No other may be.
    const KNOWN_NEGATIVE_HITS = [
      'andejiazheng-check-status-by-idcard body.idCard',
      'bamboohr-proxy-employees response.body[0].personalPhoneNumber',
      'bamboohr-proxy-employees-openapi response.body[0].personalPhoneNumber',
      'dn-my-patients response.body.lister[0].name',
      'dn-order-submit body.name',
      'dn-patient-detail response.body.data.name',
      'gocourse-student-info response.body.data.user.email',
      'gocourse-teacher-info response.body.data.user.email',
      'holaverse-feedback body.model',
      'holaverse-save-search-condition body.gender',
      'ih-patient-create body.name',
      'ijh-staff-order-detail response.body.data.shop.phone',
      'netbar-bar-search response.body.data[0]',
      'netbar-bar-search response.body.data[1]',
      'schoolmsg-group-searchbysn response.body.data.school',
      'schoolmsg-user-getinfo response.body.data.phone',
      'schoolmsg-user-login response.body.data.phone',
      'stripe-source response.body.ach_credit_transfer.bank_name',
      'stripe-terminal-location response.body.address',
      'stripe-terminal-location response.body.display_name',
      'takejob-company-detail response.body.data.company_address',
      'ymatou-xlobo-labels-create body.biz_content.bill_sender_info.phone',
    ];
    expect(r.negativesHit.map((n) => `${n.caseId} ${n.path}`).sort()).toEqual(KNOWN_NEGATIVE_HITS);
    // Unnamed: five apps' own servers (batches 11 and 13), which no vendor list names; every third party is named.
    expect(r.receivers.filter((x) => !x.named).map((x) => x.host).sort())
      .toEqual(['api.test.dating.holalauncher.com', 'crm.andejiazheng.com', 'loveyu.website', 'suan.co-links.com', 'ymxxapi.uxiaoxi.com']);
  }, 120_000);
});
