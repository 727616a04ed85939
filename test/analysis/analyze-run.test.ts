import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyzeRun, ANALYSIS_FILE } from '../../src/analysis/analyze-run.ts';
import type { Flow } from '../../src/core/flow.ts';
import type { Observation } from '../../src/core/observation.ts';
import type { RunInfo } from '../../src/core/run.ts';
import { RunWriter } from '../../src/evidence/run-writer.ts';
import { testCatalogs } from './helpers.ts';

const PNG = Buffer.from('89504e470d0a1a0a0000000d494844520000000100000001', 'hex');
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function makeRun(): string {
  const dir = mkdtempSync(join(tmpdir(), 'privlab-analyze-'));
  dirs.push(dir);
  const w = new RunWriter(dir);
  w.writeRunInfo({
    id: 'test', privlabVersion: '0', source: 'scenario', variants: ['accept-all'], engine: 'embedded', tools: {},
    target: { name: 'LoveLink', category: 'marriage_dating', platform: 'web', firstParty: ['lovelink.test'] },
    persona: { name: '李晓明', phone: '13912345678', idNumber: '44030419900307123X', password: 'Secr3t!pw' },
    startedAt: '2024-01-01T00:00:00Z', complete: true, outcomes: [],
  } satisfies RunInfo);
  const add = (url: string, body: Buffer | string | undefined, contentType: string, extra: Partial<Flow> = {}): void => {
    w.appendFlow({
      id: w.nextFlowId(), time: '2024-01-01T00:00:01.000Z', phase: 'register', variant: 'accept-all', client: 'app', engine: 'embedded',
      request: { method: 'POST', url, headers: [], ...(body !== undefined ? { body: w.putBody(Buffer.from(body), { contentType }) } : {}) },
      ...extra,
    });
  };
  add('https://api.lovelink.test/register', JSON.stringify({ mobile: '13912345678', password: 'Secr3t!pw', education: '本科' }), 'application/json');
  add('https://api.lovelink.test/register', JSON.stringify({ mobile: '13912345678' }), 'application/json', { client: 'harness' });
  const mp = Buffer.concat([Buffer.from('--B\r\nContent-Disposition: form-data; name="selfie"; filename="s.png"\r\nContent-Type: image/png\r\n\r\n'), PNG, Buffer.from('\r\n--B--\r\n')]);
  add('http://faceid.tencentcloudapi.com/', mp, 'multipart/form-data; boundary=B', { phase: 'verify' });
  w.appendFlow({
    id: w.nextFlowId(), time: '2024-01-01T00:00:02.000Z', phase: 'login', variant: 'accept-all', client: 'app', engine: 'embedded',
    request: { method: 'POST', url: 'https://api.lovelink.test/x', headers: [], body: { sha256: 'a'.repeat(64), size: 10 } },
  });
  // A font host that gets nothing but the IP address and user agent is still a receiver.
  add('https://fonts.googleapis.com/css2?family=Noto+Sans', undefined, 'text/css', { phase: 'login' });
  w.close();
  return dir;
}

describe('analyzeRun', () => {
  it('writes observations with party, phase, chain and evidence; skips harness flows; notes what it could not read', async () => {
    const dir = makeRun();
    const calls: Array<{ size: number; hint: object }> = [];
    const progress: number[] = [];
    const r = await analyzeRun(dir, {
      catalogs: testCatalogs(),
      onProgress: (n) => progress.push(n),
      inspect: async (bytes, hint) => {
        calls.push({ size: bytes.length, hint });
        return [{ piType: 'face_image', confidence: 0.9, detector: 'test:face', evidence: 'stub face' }];
      },
    });
    const obs = readFileSync(r.path, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Observation);
    expect(r).toMatchObject({ flows: 5, observations: obs.length });
    expect(progress.at(-1)).toBe(5);

    const phone = obs.filter((o) => o.piType === 'phone_number');
    expect(phone).toHaveLength(1); // persona, format and key all hit body.mobile: one observation
    expect(phone[0]).toMatchObject({ flowId: 'f000001', path: 'body.mobile', chain: ['json'], phase: 'register', direction: 'request', detector: 'persona:plain', value: '13912345678' });
    expect(phone[0]!.party).toMatchObject({ kind: 'first', domain: 'lovelink.test' });
    expect(obs.find((o) => o.piType === 'password')?.value).toMatch(/^\[secret/);
    expect(obs.some((o) => o.flowId === 'f000002')).toBe(false);

    expect(calls).toEqual([{ size: PNG.length, hint: { contentType: 'image/png', filename: 's.png', fieldName: 'selfie', urlPath: '/' } }]);
    const face = obs.find((o) => o.piType === 'face_image')!;
    expect(face).toMatchObject({ flowId: 'f000003', path: 'body[multipart:selfie]', phase: 'verify', insecure: true, detector: 'test:face' });
    expect(face.value).toMatch(/^<image\/png \d+ bytes sha256:[0-9a-f]{64}>$/);
    expect(face.party).toMatchObject({ kind: 'third', vendor: 'tencent-faceid' });

    const summary = JSON.parse(readFileSync(join(dir, ANALYSIS_FILE), 'utf8'));
    expect(summary).toMatchObject({ flows: 5, flowsAnalysed: 4, flowsSkippedHarness: 1, byPiType: { phone_number: 1, face_image: 1 } });
    const receivers = Object.fromEntries((summary.receivers as Array<{ party: { host: string; organisation?: string; serviceKind?: string }; piTypes: string[]; flows: number }>).map((x) => [x.party.host, x]));
    expect(receivers['fonts.googleapis.com']).toMatchObject({ flows: 1, piTypes: [], party: { organisation: 'Google LLC', serviceKind: 'fonts' } });
    expect(receivers['faceid.tencentcloudapi.com']).toMatchObject({ piTypes: ['face_image'], party: { serviceKind: 'face-verification' } });
    expect(receivers['api.lovelink.test']?.piTypes).toEqual(expect.arrayContaining(['phone_number', 'education']));
    expect(summary.notes).toEqual([{ flowId: 'f000004', note: expect.stringMatching(/missing from bodies/) }]);
    expect(typeof summary.analyzerVersion).toBe('string');
  });

  it('rejects an unknown category with the catalog error', async () => {
    await expect(analyzeRun(makeRun(), { catalogs: testCatalogs(), category: 'no_such_category', inspect: async () => [] })).rejects.toThrow(/unknown category/);
  });
});
