// `privlab capture` as a real child process: traffic through its proxy, marks from `privlab mark` in a
// second process, SIGINT, then the analysed and reported run directory.

import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Flow } from '../../src/core/flow.ts';
import type { RunInfo } from '../../src/core/run.ts';
import type { TimelineEvent } from '../../src/core/timeline.ts';
import { ProxyClient } from '../capture/proxy-client.ts';
import { freePort, killGroup, poll, runChild, startChild, type Child } from './child.ts';

const ENTRY = new URL('./cli-entry.ts', import.meta.url).pathname;
const PHONE = '13812345678';

let upstream: http.Server;
let upstreamPort: number;
let capture: Child | undefined;

beforeAll(async () => {
  upstream = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok: true, path: req.url }));
    });
  });
  await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', r));
  upstreamPort = (upstream.address() as AddressInfo).port;
});

afterAll(async () => {
  if (capture) killGroup(capture.proc);
  await new Promise((r) => upstream.close(r));
});

const lines = <T>(file: string): T[] =>
  existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as T) : [];

describe('privlab capture + privlab mark', () => {
  it('tags flows with the marked phase, records consent, and reports on SIGINT', async () => {
    const root = mkdtempSync(join(tmpdir(), 'privlab-live-'));
    const runDir = join(root, 'run');
    const env = { PRIVLAB_HOME: join(root, 'home') };
    const port = await freePort();
    capture = startChild(ENTRY, [
      'capture', '--category', 'marriage_dating', '--name', 'LiveTest', '--first-party', '127.0.0.1',
      '--port', String(port), '--out', runDir, '--no-pdf',
    ], env);
    const [, proxyUrl] = await capture.waitFor(/proxy: (http:\/\/127\.0\.0\.1:\d+)/);
    expect(proxyUrl).toBe(`http://127.0.0.1:${port}`);
    await capture.waitFor(/recording/);
    expect(capture.out()).toContain('Certificate Trust Settings');
    expect(capture.out()).toMatch(/ca\.crt/);

    const info0 = JSON.parse(readFileSync(join(runDir, 'run.json'), 'utf8')) as RunInfo;
    expect(info0).toMatchObject({ source: 'live', complete: false });

    const client = new ProxyClient(proxyUrl!);
    const base = `http://127.0.0.1:${upstreamPort}`;
    const timeline = () => lines<TimelineEvent>(join(runDir, 'timeline.jsonl'));
    try {
      expect((await client.request(`${base}/before-any-phase`)).status).toBe(200);

      const m1 = await runChild(ENTRY, ['mark', 'register', '--run', runDir], env);
      expect(m1.code).toBe(0);
      await poll(() => timeline().some((e) => e.type === 'phase-start' && e.phase === 'register'), 10_000, () => 'no phase-start');
      const m2 = await runChild(ENTRY, ['mark', 'consent', 'privacy-policy', '--run', runDir], env);
      expect(m2.code).toBe(0);
      await poll(() => timeline().some((e) => e.type === 'consent'), 10_000, () => 'no consent event');

      const reg = await client.request(`${base}/api/register`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ phone: PHONE, nickname: 'tester', idNumber: '11010519491231002X' }),
      });
      expect(reg.status).toBe(200);
    } finally {
      client.close();
    }

    capture.proc.kill('SIGINT');
    const code = await capture.exited;
    expect(code, capture.err()).toBe(0);
    const out = capture.out();

    const flows = lines<Flow>(join(runDir, 'flows.jsonl'));
    const before = flows.find((f) => f.request.url.endsWith('/before-any-phase'));
    const register = flows.find((f) => f.request.url.endsWith('/api/register'));
    expect(before?.phase).toBeNull();
    expect(register).toMatchObject({ phase: 'register', engine: 'embedded', request: { method: 'POST' } });

    const events = timeline();
    const consent = events.find((e) => e.type === 'consent');
    expect(consent).toMatchObject({ subject: 'privacy-policy', decision: 'accept', phase: 'register' });
    // Stopping ends the open phase as completed.
    expect(events.find((e) => e.type === 'phase-end')).toMatchObject({ phase: 'register', status: 'completed' });

    const info = JSON.parse(readFileSync(join(runDir, 'run.json'), 'utf8')) as RunInfo;
    expect(info).toMatchObject({ source: 'live', complete: true, target: { category: 'marriage_dating', firstParty: ['127.0.0.1'] } });
    expect(info.endedAt).toBeTruthy();

    const findingsPath = join(runDir, 'findings.json');
    expect(out).toContain(`findings.json:   ${findingsPath}`);
    expect(out).toContain(`manifest:        ${join(runDir, 'manifest.json')}`);
    expect(existsSync(findingsPath)).toBe(true);
    // Analysis saw the phone number in the register phase.
    const observations = lines<{ piType: string; phase: string | null }>(join(runDir, 'observations.jsonl'));
    expect(observations.some((o) => o.phase === 'register' && /phone/.test(o.piType))).toBe(true);
    // The marked phase counts as a phase that ran: the ID number beyond the dating baseline is a finding.
    expect(info.outcomes).toEqual([{ phase: 'register', variant: 'accept-all', status: 'completed' }]);
    const findings = JSON.parse(readFileSync(findingsPath, 'utf8')) as { findings: Array<{ id: string; variants: string[] }> };
    expect(findings.findings).toContainEqual(expect.objectContaining({ id: 'over-collection:register:id_number', variants: ['accept-all'] }));
  }, 180_000);

  it('mark without a live capture is a clear error', async () => {
    const root = mkdtempSync(join(tmpdir(), 'privlab-mark-'));
    const r = await runChild(ENTRY, ['mark', 'register', '--run', root], {});
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/not a run directory \(no run\.json\)/);
  }, 30_000);
});
