// `privlab analyze x.har --persona persona.yaml` finds the test account's values in an imported capture
// however they were encoded, as a scripted run does: URL-encoded, base64, hashed, split into parts.

import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { Observation } from '../../src/core/observation.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const dir = mkdtempSync(join(tmpdir(), 'privlab-analyze-persona-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const md5 = (s: string): string => createHash('md5').update(s).digest('hex');
const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex').toUpperCase();

function entry(url: string, postData?: { mimeType: string; text: string }) {
  return {
    startedDateTime: '2025-03-04T11:00:00.000Z', time: 1,
    request: { method: postData ? 'POST' : 'GET', url, httpVersion: 'HTTP/1.1', cookies: [], headers: [], queryString: [], headersSize: -1, bodySize: -1, ...(postData ? { postData } : {}) },
    response: { status: 200, statusText: 'OK', httpVersion: 'HTTP/1.1', cookies: [], headers: [], content: { size: 0, mimeType: 'text/plain' }, redirectURL: '', headersSize: -1, bodySize: -1 },
    cache: {}, timings: { send: 0, wait: 1, receive: 0 },
  };
}

describe('privlab analyze --persona', () => {
  it('finds the persona in an imported HAR across encodings, and not without it', () => {
    const har = join(dir, 'capture.har');
    writeFileSync(har, JSON.stringify({ log: { version: '1.2', creator: { name: 'test', version: '1' }, entries: [
      // an ad SDK matching users by a hashed phone and e-mail (no field name says so)
      entry(`https://ads.sdk.test/match?h1=${md5('13912345678')}&h2=${sha256('xiaoming.li@example.cn')}&ts=1700000000000`),
      // the e-mail base64-encoded in an opaque parameter
      entry(`https://log.sdk.test/c?u=${Buffer.from('xiaoming.li@example.cn').toString('base64')}`),
      // the name split over two fields the vocabulary does not know
      entry('https://api.app.test/profile', { mimeType: 'application/json', text: JSON.stringify({ a1: '李', a2: '晓明' }) }),
    ] } }));
    const persona = join(dir, 'persona.yaml');
    writeFileSync(persona, "name: 李晓明\nphone: '13912345678'\nidNumber: 44030419900307123X\nemail: xiaoming.li@example.cn\npassword: Secr3t!pw\n");
    const run = (extra: string[]): Observation[] => {
      const r = spawnSync(process.execPath, [join(ROOT, 'bin/privlab.mjs'), 'analyze', har, '--category', 'online_community', '--first-party', 'app.test', '--out', join(dir, 'runs'), '--json', ...extra], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
      expect(r.status, r.stderr).toBe(0);
      return r.stdout.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Observation);
    };
    const found = run(['--persona', persona]).map((o) => `${o.piType} ${o.path} ${o.detector}`).sort();
    expect(found).toEqual([
      'email query.h2 persona:sha256, upper case',
      'email query.u persona:base64',
      'phone_number query.h1 persona:md5',
      'real_name body.a1 persona:part of the value',
      'real_name body.a2 persona:part of the value',
    ]);
    // Without the persona, the hashes and the split name are not recognisable: nothing is claimed.
    expect(run([]).filter((o) => o.piType !== 'email')).toEqual([]);
  }, 180_000);

  it('a template persona for a HAR that names no run or variant: says what is not sought, and seeks the rest', () => {
    const har = join(dir, 'plain.har');
    writeFileSync(har, JSON.stringify({ log: { version: '1.2', creator: { name: 'test', version: '1' }, entries: [
      entry(`https://ads.sdk.test/match?h1=${md5('13912345678')}&h2=${md5('t+1-accept-all@example.cn')}`),
    ] } }));
    const persona = join(dir, 'template.yaml');
    writeFileSync(persona, "name: 李晓明\nphone: '13912345678'\nidNumber: 44030419900307123X\nemail: 't+{run}-{variant}@example.cn'\npassword: Secr3t!pw\n");
    const r = spawnSync(process.execPath, [join(ROOT, 'bin/privlab.mjs'), 'analyze', har, '--category', 'online_community', '--out', join(dir, 'runs'), '--json', '--persona', persona], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain('persona: persona.email is not sought: the capture does not say which run it came from ({run}) nor which variant its flows belong to ({variant}, {n})');
    const found = r.stdout.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Observation).map((o) => `${o.piType} ${o.path} ${o.detector}`);
    expect(found).toEqual(['phone_number query.h1 persona:md5']);
  }, 180_000);
});
