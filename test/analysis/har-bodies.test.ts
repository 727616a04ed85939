// Bodies of imported HAR files reach analysis whatever the exporter did with them: mitmproxy writes bodies
// already decoded but keeps their Content-Encoding header; other tools export the raw compressed bytes in
// base64; binary bodies come base64 with "encoding" or as raw text. And an encoded structure inside a form
// value (base64 JSON) is decoded and searched.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import zlib from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { analyzeRun } from '../../src/analysis/analyze-run.ts';
import type { Observation } from '../../src/core/observation.ts';
import { importHar } from '../../src/evidence/har-import.ts';
import { testCatalogs } from './helpers.ts';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
const temp = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'privlab-har-bodies-'));
  dirs.push(d);
  return d;
};

interface Entry {
  url: string;
  reqHeaders?: Array<{ name: string; value: string }>;
  postData?: { mimeType: string; text: string; encoding?: string };
  resHeaders?: Array<{ name: string; value: string }>;
  content?: { mimeType: string; text: string; encoding?: string };
}

async function analyse(entries: Entry[]): Promise<{ observations: Observation[]; notes: string[] }> {
  const dir = temp();
  const har = {
    log: {
      version: '1.2',
      creator: { name: 'mitmproxy', version: '10.4.2' },
      entries: entries.map((e, i) => ({
        startedDateTime: `2025-03-04T11:00:0${i}.000+00:00`,
        time: 1,
        request: { method: e.postData ? 'POST' : 'GET', url: e.url, httpVersion: 'HTTP/1.1', cookies: [], headers: e.reqHeaders ?? [], queryString: [], headersSize: -1, bodySize: -1, ...(e.postData ? { postData: e.postData } : {}) },
        response: { status: 200, statusText: 'OK', httpVersion: 'HTTP/1.1', cookies: [], headers: e.resHeaders ?? [], content: e.content ?? { size: 0, mimeType: 'text/plain' }, redirectURL: '', headersSize: -1, bodySize: -1 },
        cache: {},
        timings: { send: 0, wait: 1, receive: 0 },
      })),
    },
  };
  const file = join(dir, 'capture.har');
  writeFileSync(file, JSON.stringify(har));
  const imported = await importHar(file, join(dir, 'runs'), { category: 'online_community', firstParty: ['app.test'] });
  const r = await analyzeRun(imported.runDir, { catalogs: testCatalogs(), inspect: async () => [] });
  const observations = readFileSync(r.path, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Observation);
  const summary = JSON.parse(readFileSync(join(imported.runDir, 'analysis.json'), 'utf8')) as { notes: Array<{ note: string }> };
  return { observations, notes: summary.notes.map((n) => n.note) };
}

const at = (obs: Observation[], path: string): string[] => obs.filter((o) => o.path === path).map((o) => `${o.direction} ${o.piType}`);

describe('HAR bodies reach analysis', () => {
  it('a body mitmproxy already decoded but left labelled gzip or br is analysed, not lost', async () => {
    const { observations } = await analyse([{
      url: 'https://api.app.test/register',
      reqHeaders: [{ name: 'Content-Type', value: 'application/json' }, { name: 'Content-Encoding', value: 'gzip' }],
      postData: { mimeType: 'application/json', text: '{"mobile":"13912345678"}' },
      resHeaders: [{ name: 'Content-Type', value: 'application/json' }, { name: 'Content-Encoding', value: 'br' }],
      content: { mimeType: 'application/json', text: '{"data":{"realName":"李晓明"}}' },
    }]);
    expect(at(observations, 'body.mobile')).toEqual(['request phone_number']);
    expect(at(observations, 'response.body.data.realName')).toEqual(['response real_name']);
  });

  it('a tool that exported the raw gzip bytes (base64) keeps the encoding, and analysis inflates them', async () => {
    const gz = zlib.gzipSync(Buffer.from('{"idCard":"44030419900307123X"}')).toString('base64');
    const { observations } = await analyse([{
      url: 'https://api.app.test/verify',
      reqHeaders: [{ name: 'Content-Type', value: 'application/json' }, { name: 'Content-Encoding', value: 'gzip' }],
      postData: { mimeType: 'application/json', text: gz, encoding: 'base64' },
    }]);
    expect(at(observations, 'body.idCard')).toEqual(['request id_number']);
    expect(observations.find((o) => o.path === 'body.idCard')?.chain).toContain('gzip');
  });

  it('binary bodies: base64 with encoding, and protobuf sent as raw text', async () => {
    // protobuf field 1 (string) "13912345678", field 2 (string) a MAC address
    const msg = (s1: string, s2: string): Buffer =>
      Buffer.concat([Buffer.from([0x0a, s1.length]), Buffer.from(s1), Buffer.from([0x12, s2.length]), Buffer.from(s2)]);
    const { observations } = await analyse([
      { url: 'https://sdk.push.test/a', reqHeaders: [{ name: 'Content-Type', value: 'application/x-protobuf' }], postData: { mimeType: 'application/x-protobuf', text: msg('13912345678', '3c:a0:67:11:22:33').toString('base64'), encoding: 'base64' } },
      { url: 'https://sdk.push.test/b', reqHeaders: [{ name: 'Content-Type', value: 'application/octet-stream' }], postData: { mimeType: 'application/octet-stream', text: msg('13987654321', '3c:a0:67:44:55:66').toString('latin1') } },
    ]);
    expect(observations.filter((o) => o.party.host === 'sdk.push.test').map((o) => `${o.piType} ${o.path}`).sort()).toEqual([
      'mac_address body.#2', 'mac_address body.#2', 'phone_number body.#1', 'phone_number body.#1',
    ]);
  });

  it('an encoded structure inside a form value is decoded and searched, with its chain', async () => {
    const inner = Buffer.from(JSON.stringify({ user: { phone: '13912345678', xingming: '李晓明' } })).toString('base64');
    const { observations } = await analyse([{
      url: 'https://log.sdk.test/collect',
      reqHeaders: [{ name: 'Content-Type', value: 'application/x-www-form-urlencoded' }],
      postData: { mimeType: 'application/x-www-form-urlencoded', text: `appkey=5f1a2b&data=${encodeURIComponent(inner)}&ts=1700000000000` },
    }]);
    const phone = observations.find((o) => o.piType === 'phone_number');
    expect(phone?.path).toBe('body.data.user.phone');
    expect(phone?.chain).toEqual(['form', 'base64', 'json']);
    expect(at(observations, 'body.data.user.xingming')).toEqual(['request real_name']);
    expect(observations.filter((o) => o.path === 'body.ts' || o.path === 'body.appkey')).toEqual([]);
  });
});
