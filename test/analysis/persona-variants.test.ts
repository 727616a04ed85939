// A template persona in analysis: each variant's own values are persona PI in that variant's flows (in this
// thread and in worker threads), another variant's are not, and flows outside a variant are searched for all.
// The same for a HAR export re-imported and analysed with the template (analyze x.har --persona).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDirs } from '../temp-dirs.ts';
import { analyzeRun } from '../../src/analysis/analyze-run.ts';
import { givenPersonas } from '../../src/analysis/given-persona.ts';
import type { Flow } from '../../src/core/flow.ts';
import type { Observation } from '../../src/core/observation.ts';
import { expandPersona, shortRunId } from '../../src/core/persona-template.ts';
import type { VariantName } from '../../src/core/phase.ts';
import type { RunInfo } from '../../src/core/run.ts';
import type { Persona } from '../../src/core/target.ts';
import { exportHar } from '../../src/evidence/har-export.ts';
import { importHar } from '../../src/evidence/har-import.ts';
import { loadOrCreatePersonaKey, protectPersona } from '../../src/evidence/persona-secrets.ts';
import { RUN_FILES } from '../../src/evidence/run-layout.ts';
import { RunWriter } from '../../src/evidence/run-writer.ts';
import { testCatalogs } from './helpers.ts';

const tmp = tempDirs('persona-variants');

const TEMPLATE: Persona = { name: '测试员甲', username: 'u{run}{n}', phone: '13800000000', idNumber: '110105199003071239', email: 'tester+{run}-{variant}@example.com', password: 'Pw-{run}-{variant}' };
const RUN_ID = '20261202T160000.000Z_Template';
const VARIANTS: VariantName[] = ['accept-all', 'refuse-optional'];
const own = Object.fromEntries(VARIANTS.map((v) => [v, expandPersona(TEMPLATE, { variant: v, runId: RUN_ID }).persona])) as Record<VariantName, Persona>;
const md5 = (s: string): string => createHash('md5').update(s).digest('hex');

/** A run as the runner writes it for a template persona, with flows that only persona matching recognises. */
function templateRun(): string {
  const dir = join(tmp(), RUN_ID);
  const w = RunWriter.createNew(dir);
  const key = loadOrCreatePersonaKey();
  const a = own['accept-all'];
  const b = own['refuse-optional'];
  const info: RunInfo = {
    id: RUN_ID, privlabVersion: 'test', target: { name: 'Template', category: 'online_community', platform: 'web', url: 'https://app.test/', firstParty: ['app.test'] },
    source: 'scenario', variants: VARIANTS, engine: 'embedded', tools: {}, startedAt: '2026-12-02T16:00:00.000Z', complete: true, outcomes: [],
    persona: protectPersona(TEMPLATE, key),
    personaByVariant: Object.fromEntries(VARIANTS.map((v) => [v, protectPersona(own[v], key)])),
  };
  w.writeRunInfo(info);
  let n = 0;
  const flow = (variant: VariantName | null, url: string, body?: string): void => {
    const id = `f${String(++n).padStart(6, '0')}`;
    const f: Flow = {
      id, time: `2026-12-02T16:00:0${n}.000Z`, phase: variant ? 'register' : null, variant, client: 'app', engine: 'embedded',
      request: { method: body ? 'POST' : 'GET', url, headers: [], ...(body ? { body: w.putBody(Buffer.from(body), { contentType: 'application/x-www-form-urlencoded' }) } : {}) },
    };
    w.appendFlow(f);
  };
  // A tracker gets the e-mail as an MD5 and the user name under a key nobody knows; the app gets the password.
  flow('accept-all', `https://t.sdk.test/c?h=${md5(a.email!)}&k=${a.username}`);
  flow('accept-all', 'https://api.app.test/register', `q=${encodeURIComponent(a.password)}`);
  // refuse-optional sends its own e-mail hash, but accept-all's user name and password: carried over, not its own.
  flow('refuse-optional', `https://t.sdk.test/c?h=${md5(b.email!)}&k=${a.username}`);
  flow('refuse-optional', 'https://api.app.test/register', `q=${encodeURIComponent(a.password)}`);
  // Before the first variant: any variant's values count.
  flow(null, `https://t.sdk.test/c?h=${md5(b.email!)}`);
  w.close();
  return dir;
}

const personaHits = (dir: string): string[] =>
  readFileSync(join(dir, RUN_FILES.observations), 'utf8').trim().split('\n').filter(Boolean)
    .map((l) => JSON.parse(l) as Observation)
    .filter((o) => o.detector.startsWith('persona:'))
    .map((o) => `${o.flowId} ${o.variant ?? '-'} ${o.piType} ${o.path} ${o.detector}`)
    .sort();

const EXPECTED = [
  'f000001 accept-all account_id query.k persona:plain',
  'f000001 accept-all email query.h persona:md5',
  'f000002 accept-all password body.q persona:plain',
  'f000003 refuse-optional email query.h persona:md5',
  'f000005 - email query.h persona:md5',
];

describe('template persona in analysis', () => {
  it("finds each variant's own expanded values in its flows, in this thread and in workers", async () => {
    const dir = templateRun();
    await analyzeRun(dir, { catalogs: testCatalogs(), workers: 0 });
    expect(personaHits(dir)).toEqual(EXPECTED);
    await analyzeRun(dir, { catalogs: testCatalogs(), workers: 1 });
    expect(personaHits(dir)).toEqual(EXPECTED);
  }, 120_000);

  it('analyze of a re-imported HAR export with the template expands it for the variants and the exported run', async () => {
    const dir = templateRun();
    const har = join(tmp(), 'export.har');
    await exportHar(dir, { out: har });
    const imported = await importHar(har, tmp(), { category: 'online_community', firstParty: ['app.test'] });
    const info = JSON.parse(readFileSync(join(imported.runDir, RUN_FILES.run), 'utf8')) as RunInfo;
    expect(info.sourceRunId).toBe(RUN_ID);
    const result = await analyzeRun(imported.runDir, { catalogs: testCatalogs(), workers: 0, persona: TEMPLATE });
    expect(result.personaNotes).toEqual([
      `persona template expanded for accept-all, refuse-optional (run ${shortRunId(RUN_ID)}): each variant's values are sought in its own flows, all of them in flows outside a variant`,
    ]);
    expect(personaHits(imported.runDir).map((l) => l.replace(/^f\d+ /, '')).sort()).toEqual(EXPECTED.map((l) => l.replace(/^f\d+ /, '')).sort());
  }, 120_000);

  it('a template for a capture that names no run or variant: those fields are not sought, and the notes say so', () => {
    const har = givenPersonas(TEMPLATE, { id: 'imported', source: 'har-import', variants: [] });
    expect(har.notes).toEqual([
      'persona.username is not sought: the capture does not say which run it came from ({run}) nor which variant its flows belong to ({variant}, {n})',
      'persona.email is not sought: the capture does not say which run it came from ({run}) nor which variant its flows belong to ({variant}, {n})',
      'persona.password is not sought: the capture does not say which run it came from ({run}) nor which variant its flows belong to ({variant}, {n})',
    ]);
    expect(har.personas.persona).toMatchObject({ name: '测试员甲', phone: '13800000000', email: '' });
    const plain = givenPersonas(own['accept-all'], { id: 'x', source: 'har-import', variants: [] });
    expect(plain).toEqual({ personas: { persona: own['accept-all'] }, notes: [] });
  });
});
