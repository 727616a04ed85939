// Values found in plain anywhere in a run are sought everywhere else as their MD5/SHA-1/SHA-256 and as
// copies: a hashed phone number in an ad SDK's call is tied to the one typed into the login form.

import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyzeRun } from '../../src/analysis/analyze-run.ts';
import { candidateValue } from '../../src/analysis/pii/linked-values.ts';
import type { Observation } from '../../src/core/observation.ts';
import { RunWriter } from '../../src/evidence/run-writer.ts';
import { testCatalogs } from './helpers.ts';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
const hash = (a: string, s: string): string => createHash(a).update(s).digest('hex');

async function analyse(bodies: Array<[string, object]>): Promise<Observation[]> {
  const dir = mkdtempSync(join(tmpdir(), 'privlab-linked-'));
  dirs.push(dir);
  const w = new RunWriter(dir);
  w.writeRunInfo({
    id: 'linked', privlabVersion: '0', source: 'har-import', variants: ['accept-all'], engine: 'har', tools: {},
    target: { name: 'App', category: 'online_community', platform: 'android', firstParty: ['app.test'] },
    startedAt: '2024-01-01T00:00:00Z', complete: true, outcomes: [],
  });
  bodies.forEach(([url, body], i) => w.appendFlow({
    id: w.nextFlowId(), time: `2024-01-01T00:00:0${i}.000Z`, phase: 'login', variant: 'accept-all', client: 'app', engine: 'har',
    request: { method: 'POST', url, headers: [], body: w.putBody(Buffer.from(JSON.stringify(body)), { contentType: 'application/json' }) },
  }));
  w.close();
  const r = await analyzeRun(dir, { catalogs: testCatalogs(), inspect: async () => [] });
  return readFileSync(r.path, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Observation);
}

describe('values linked across the capture', () => {
  it('a digest in a link\'s path is a candidate (Gravatar: avatar/<md5 of the e-mail>); a hex word in prose is not', () => {
    const md5 = createHash('md5').update('aaron@zulip.com').digest('hex');
    expect(candidateValue({ value: `https://secure.gravatar.com/avatar/${md5}?d=identicon&version=1` })).toBe(md5);
    expect(candidateValue({ value: `see ${md5} here` })).toBeUndefined();
    expect(candidateValue({ value: `https://cdn.example/${md5}x/a.png` })).toBeUndefined();
  });

  it('finds hashes of plain values seen elsewhere, in either case, and copies of identifiers', async () => {
    const gaid = 'fece34ee-6b48-442c-8765-177b99ee32b9';
    const obs = await analyse([
      ['https://api.app.test/login', { mobile: '13912345678' }],
      ['https://sdk.ads.test/event', { device: { os: 'android', ifa: gaid }, user: { uid: gaid }, m: hash('md5', '13912345678'), s: hash('sha256', '8613912345678').toUpperCase(), req: hash('md5', 'nothing') }],
    ]);
    const linked = obs.filter((o) => o.detector.startsWith('linked:')).map((o) => `${o.piType} ${o.path} ${o.detector}`).sort();
    expect(linked).toEqual(['gaid body.user.uid linked:plain', 'phone_number body.m linked:md5', 'phone_number body.s linked:sha256']);
    const m = obs.find((o) => o.path === 'body.m')!;
    expect(m.party.host).toBe('sdk.ads.test');
    expect(m.evidence).toContain('f000001');
    expect(obs.some((o) => o.path === 'body.req')).toBe(false);
  });
});
