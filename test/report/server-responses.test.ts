// The lab report's section on what servers returned: one row per response that held PI, with the
// request it answered; the harness's own traffic and requests are not in it; both languages.

import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Observation } from '../../src/core/observation.ts';
import { writeLabReport } from '../../src/report/lab/index.ts';
import { loadReportData } from '../../src/report/report-data.ts';
import { serverResponses } from '../../src/report/server-responses.ts';
import { makeRunDir } from './run-fixture.ts';

describe('what servers returned', () => {
  it('one row per response with PI: types, server, phase and the request answered; not the harness', async () => {
    const fx = await makeRunDir();
    const file = join(fx.dir, 'observations.jsonl');
    const login = readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Observation).find((o) => o.direction === 'response')!;
    // The harness's own call answered with an e-mail is no finding against the app.
    appendFileSync(file, `${JSON.stringify({ ...login, id: 'oh', piType: 'email', flowId: 'f999999', party: { kind: 'harness', host: '127.0.0.1', domain: '127.0.0.1' } })}\n`);
    const data = await loadReportData(fx.dir);
    const rows = serverResponses(data.run, data.observations.values(), data.flows);
    expect(rows).toEqual([
      expect.objectContaining({
        party: expect.objectContaining({ host: 'api.lovelink.test' }),
        phase: 'login',
        variant: 'accept-all',
        request: { method: 'POST', url: 'https://api.lovelink.test/login' },
        status: 200,
        piTypes: ['phone_number', 'id_number', 'ip_address'],
      }),
    ]);
    expect(rows[0]!.observationIds).toHaveLength(3);

    const page = async (lang: 'zh' | 'en'): Promise<string> => readFileSync((await writeLabReport(fx.dir, { lang, pdf: false })).html, 'utf8');
    const zh = await page('zh');
    const section = (html: string): string => /<section class="responses">([\s\S]*?)<\/section>/.exec(html)?.[1] ?? '';
    expect(section(zh)).toContain('服务器返回的个人信息');
    expect(section(zh)).toContain('手机号码');
    expect(section(zh)).toContain('https://api.lovelink.test/login');
    expect(section(zh)).toContain('登录');
    const en = await page('en');
    expect(section(en)).toContain('Personal information returned by servers');
    expect(section(en)).toMatch(/POST https:\/\/api\.lovelink\.test\/login → 200/);
    expect(section(en)).not.toContain('127.0.0.1');
  });

  it('says none when no response held PI', async () => {
    const fx = await makeRunDir();
    const file = join(fx.dir, 'observations.jsonl');
    const kept = readFileSync(file, 'utf8').split('\n').filter((l) => l && (JSON.parse(l) as Observation).direction !== 'response');
    writeFileSync(file, `${kept.join('\n')}\n`);
    const html = readFileSync((await writeLabReport(fx.dir, { lang: 'en', pdf: false })).html, 'utf8');
    expect(/<section class="responses">([\s\S]*?)<\/section>/.exec(html)?.[1]).toMatch(/<p>None<\/p>/);
  });
});
