// Skipped and cut input leaves a trace: HAR entries skipped on import and bodies cut at capture are
// counted and listed in run.json, and the lab report's cover says so.

import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunInfo } from '../../src/core/run.ts';
import { importHar } from '../../src/evidence/har-import.ts';
import { RunReader } from '../../src/evidence/run-reader.ts';
import { RunWriter } from '../../src/evidence/run-writer.ts';
import type { ReportData } from '../../src/report/report-data.ts';
import { renderEvidenceCaveats } from '../../src/report/lab/evidence-caveats.ts';
import { makeRun, tempDir } from './helpers.ts';

const runInfo = (dir: string): RunInfo => JSON.parse(readFileSync(join(dir, 'run.json'), 'utf8')) as RunInfo;

describe('input gaps', () => {
  it('HAR entries skipped on import are in run.json', async () => {
    const dir = tempDir('gaps');
    const big = 'a'.repeat(5000);
    writeFileSync(join(dir, 'odd.har'), JSON.stringify({ log: { version: '1.2', entries: [{ request: {} }, { request: { url: `https://a.test/${big}` } }, { request: { url: 'https://b.test/' } }] } }));
    const r = await importHar(join(dir, 'odd.har'), tempDir('imp'), { category: 'x', maxEntryBytes: 1000 });
    const gaps = runInfo(r.runDir).inputGaps!;
    expect(gaps).toMatchObject({ skipped: 2, cut: 0 });
    expect(gaps.items.map((g) => g.reason)).toEqual(['no request.url', expect.stringMatching(/bytes, over the entry limit$/)]);
    expect(gaps.items[1]!.where).toMatch(/^entry 1 /);
  });

  it('a body cut at capture is in run.json; a whole run has no gaps', () => {
    const { dir } = makeRun();
    expect(runInfo(dir).inputGaps).toBeUndefined();
    const w = new RunWriter(dir);
    const body = w.putBody(Buffer.alloc(10), { truncated: true });
    w.appendFlow({ id: 'f000099', time: '2025-01-01T00:00:09.000Z', phase: null, variant: null, client: 'app', engine: 'embedded', request: { method: 'POST', url: 'https://x.test/', headers: [], body } });
    w.writeRunInfo(new RunReader(dir).info());
    w.close();
    expect(runInfo(dir).inputGaps).toEqual({ skipped: 0, cut: 1, items: [{ kind: 'cut', where: 'f000099', reason: 'request body over the capture limit: only its first 10 bytes were kept' }] });
  });

  it('the cover lists the gaps', () => {
    const { dir } = makeRun();
    const reader = new RunReader(dir);
    const run = { ...reader.info(), inputGaps: { skipped: 1, cut: 0, items: [{ kind: 'skipped' as const, where: 'entry 4', reason: 'no request.url' }] } };
    const html = renderEvidenceCaveats({ run, reader } as unknown as ReportData, 'en');
    expect(html).toContain('Captured input is not whole: 1 skipped, 0 cut');
    expect(html).toContain('no request.url');
  });

  it('the cover names the flows analysis could not finish, with the detector', () => {
    const { dir } = makeRun();
    const failure = { flowId: 'f000002', detector: 'decode/jwt.ts (tryJwtPayload)', error: 'RangeError: Maximum call stack size exceeded' };
    writeFileSync(join(dir, 'analysis.json'), JSON.stringify({ failedFlows: [failure], failedFlowsTotal: 1 }));
    const reader = new RunReader(dir);
    const html = renderEvidenceCaveats({ run: reader.info(), reader } as unknown as ReportData, 'en');
    expect(html).toContain('1 flows were not fully analysed');
    expect(html).toContain('f000002');
    expect(html).toContain('decode/jwt.ts (tryJwtPayload)');
  });

  it('run directories are owner-only', () => {
    const { dir } = makeRun();
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(statSync(join(dir, 'bodies')).mode & 0o777).toBe(0o700);
    for (const f of ['run.json', 'flows.jsonl', 'timeline.jsonl']) expect(statSync(join(dir, f)).mode & 0o777).toBe(0o600);
  });
});
