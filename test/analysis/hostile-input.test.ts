// Hostile sizes: megabytes of token characters in a header, URL or body, and a 32 MiB random body,
// analyse to completion; a detector that throws on one flow becomes a note naming the flow and the
// detector, and the other flows are still analysed.

import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeRun, type AnalysisSummary } from '../../src/analysis/analyze-run.ts';
import { flowFailure } from '../../src/analysis/flow-failure.ts';
import type { Flow, Header } from '../../src/core/flow.ts';
import { RunWriter } from '../../src/evidence/run-writer.ts';
import { sampleRunInfo, tempDir } from '../evidence/helpers.ts';
import { testCatalogs } from './helpers.ts';

const TOKEN = 'aB3_-'.repeat((6 * 1024 * 1024) / 5); // 6 MiB of base64url characters

type AddFlow = (url: string, headers?: Header[], body?: Flow['request']['body']) => void;

/** A run of the sample app with the hostile flow(s) `make` adds, then a control flow with a phone number. */
function runWith(make: (w: RunWriter, flow: AddFlow) => void): string {
  const dir = join(tempDir('hostile'), 'run');
  const w = new RunWriter(dir);
  w.writeRunInfo(sampleRunInfo('hostile'));
  const flow: AddFlow = (url, headers = [], body) =>
    w.appendFlow({
      id: w.nextFlowId(),
      time: '2025-01-01T00:00:01.000Z',
      phase: 'register',
      variant: 'accept-all',
      client: 'app',
      engine: 'embedded',
      request: { method: body ? 'POST' : 'GET', url, headers, ...(body ? { body } : {}) },
    });
  make(w, flow);
  // The control: a phone number the analysis must still find after the hostile flow.
  flow('https://sample.test/api?mobile=13800138000');
  w.close();
  return dir;
}

const summaryOf = (dir: string): AnalysisSummary => JSON.parse(readFileSync(join(dir, 'analysis.json'), 'utf8')) as AnalysisSummary;
const phoneFound = (dir: string): boolean => readFileSync(join(dir, 'observations.jsonl'), 'utf8').includes('13800138000');

describe('hostile input sizes', () => {
  const catalogs = testCatalogs();

  it.each([
    ['a header', (w: RunWriter, flow: AddFlow) => flow('https://sample.test/a', [{ name: 'Authorization', value: `Bearer ${TOKEN}` }])],
    ['a URL', (_w: RunWriter, flow: AddFlow) => flow(`https://sample.test/a?t=${TOKEN}`)],
    ['a JSON body', (w: RunWriter, flow: AddFlow) =>
      flow('https://sample.test/a', [{ name: 'Content-Type', value: 'application/json' }], w.putBody(Buffer.from(JSON.stringify({ token: TOKEN })), { contentType: 'application/json' }))],
  ])('a 6 MiB token in %s analyses to completion', async (_where, make) => {
    const dir = runWith(make);
    const r = await analyzeRun(dir, { catalogs });
    expect(r.flows).toBe(2);
    expect(summaryOf(dir).failedFlowsTotal).toBe(0);
    expect(phoneFound(dir)).toBe(true);
  }, 60_000);

  it('a 32 MiB random body analyses to completion', async () => {
    const dir = runWith((w, flow) => flow('https://sample.test/up', [{ name: 'Content-Type', value: 'application/octet-stream' }], w.putBody(randomBytes(32 * 1024 * 1024), { contentType: 'application/octet-stream' })));
    const r = await analyzeRun(dir, { catalogs });
    expect(r.flows).toBe(2);
    expect(phoneFound(dir)).toBe(true);
  }, 60_000);

  it('a detector that throws on one flow: a note names the flow and the detector, the other flows are analysed', async () => {
    const dir = runWith((w, flow) => flow('https://sample.test/up', [{ name: 'Content-Type', value: 'image/png' }], w.putBody(randomBytes(4096), { contentType: 'image/png' })));
    const r = await analyzeRun(dir, {
      catalogs,
      inspect: () => {
        throw new RangeError('Maximum call stack size exceeded');
      },
    });
    expect(r.flows).toBe(2);
    const s = summaryOf(dir);
    expect(s.failedFlowsTotal).toBe(1);
    expect(s.failedFlows[0]).toMatchObject({ flowId: 'f000001', error: 'RangeError: Maximum call stack size exceeded' });
    expect(s.failedFlows[0]!.detector).toMatch(/hostile-input\.test\.ts|unknown/);
    expect(s.notes.some((n) => n.flowId === 'f000001' && n.note.startsWith('not fully analysed'))).toBe(true);
    expect(phoneFound(dir)).toBe(true);
  });

  it('the failing detector is named from the stack: the innermost analysis file and function', () => {
    const e = new RangeError('Maximum call stack size exceeded');
    e.stack = [
      'RangeError: Maximum call stack size exceeded',
      '    at RegExp.exec (<anonymous>)',
      '    at tryJwtPayload (/work/main/src/analysis/decode/jwt.ts:6:17)',
      '    at unwrapString (/work/main/src/analysis/decode/unwrap.ts:134:15)',
      '    at analyzeFlow (/work/main/src/analysis/analyze-run.ts:137:25)',
    ].join('\n');
    expect(flowFailure('f000007', e)).toEqual({ flowId: 'f000007', detector: 'decode/jwt.ts (tryJwtPayload)', error: 'RangeError: Maximum call stack size exceeded' });
  });
});
