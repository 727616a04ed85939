// A small run directory made through the real RunWriter, for evidence tests.

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Flow } from '../../src/core/flow.ts';
import type { RunInfo } from '../../src/core/run.ts';
import { RunWriter } from '../../src/evidence/run-writer.ts';

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `privlab-${prefix}-`));
}

export const PNG_1PX = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

/** run.json of a finished one-variant scenario run of the sample app (sample.test, marriage_dating). */
export function sampleRunInfo(id: string): RunInfo {
  return {
    id,
    privlabVersion: '0.1.0',
    target: { name: 'Sample', category: 'marriage_dating', platform: 'web', firstParty: ['sample.test'] },
    source: 'scenario',
    variants: ['accept-all'],
    engine: 'embedded',
    tools: {},
    startedAt: '2025-01-01T00:00:00.000Z',
    complete: true,
    outcomes: [],
  };
}

/** Four flows: JSON POST in register, gzip JSON response, binary PNG upload in verify, a harness flow with an error. */
export function makeRun(parent = tempDir('run')): { dir: string; flows: Flow[] } {
  const id = '20250101T000000Z_Sample';
  const dir = join(parent, id);
  const w = new RunWriter(dir);
  w.writeRunInfo(sampleRunInfo(id));
  w.appendTimeline({ type: 'phase-start', phase: 'register', variant: 'accept-all' });
  const reqJson = w.putBody(Buffer.from('{"phone":"13800138000","name":"张三"}'), { contentType: 'application/json' });
  const resGz = w.putBody(gzipSync(Buffer.from('{"ok":true,"msg":"注册成功"}')), {
    contentType: 'application/json; charset=utf-8',
    contentEncoding: 'gzip',
  });
  const png = w.putBody(PNG_1PX, { contentType: 'image/png' });
  const flows: Flow[] = [
    {
      id: w.nextFlowId(),
      time: '2025-01-01T00:00:01.000Z',
      phase: 'register',
      variant: 'accept-all',
      client: 'app',
      engine: 'embedded',
      request: {
        method: 'POST',
        url: 'https://sample.test/api/register?src=web&x=1',
        httpVersion: 'HTTP/1.1',
        headers: [
          { name: 'Content-Type', value: 'application/json' },
          { name: 'Cookie', value: 'sid=abc; lang=zh' },
        ],
        body: reqJson,
      },
      response: {
        status: 200,
        statusText: 'OK',
        headers: [
          { name: 'Content-Type', value: 'application/json; charset=utf-8' },
          { name: 'Content-Encoding', value: 'gzip' },
          { name: 'Set-Cookie', value: 'sid=def; Path=/; HttpOnly' },
        ],
        body: resGz,
      },
      durationMs: 12,
    },
    {
      id: w.nextFlowId(),
      time: '2025-01-01T00:00:02.000Z',
      phase: 'verify',
      variant: 'accept-all',
      client: 'app',
      engine: 'embedded',
      request: {
        method: 'PUT',
        url: 'https://face.vendor.test/upload',
        headers: [{ name: 'Content-Type', value: 'image/png' }],
        body: png,
      },
      response: { status: 201, headers: [] },
      durationMs: 30,
    },
    {
      id: w.nextFlowId(),
      time: '2025-01-01T00:00:03.000Z',
      phase: null,
      variant: null,
      client: 'harness',
      clientReason: 'browser update check',
      engine: 'embedded',
      request: { method: 'GET', url: 'https://update.googleapis.com/check', headers: [] },
      error: 'connection refused',
      notes: ['no response'],
    },
  ];
  for (const f of flows) w.appendFlow(f);
  w.putScreenshot(PNG_1PX);
  w.close();
  return { dir, flows };
}
