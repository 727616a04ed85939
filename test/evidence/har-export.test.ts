import { Ajv } from 'ajv';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { importHar } from '../../src/evidence/har-import.ts';
import type { Flow } from '../../src/core/flow.ts';
import { exportHar } from '../../src/evidence/har-export.ts';
import { RunReader } from '../../src/evidence/run-reader.ts';
import { RunWriter } from '../../src/evidence/run-writer.ts';
import { makeRun, tempDir } from './helpers.ts';

const schema = JSON.parse(readFileSync(new URL('../../config/schema/har.schema.json', import.meta.url), 'utf8'));
const validate = new Ajv({ allErrors: true, strict: true }).compile(schema);

async function flowsOf(dir: string): Promise<Flow[]> {
  const out: Flow[] = [];
  for await (const f of new RunReader(dir).flows()) out.push(f);
  return out;
}

/** A body as the app meant it: wire bytes with their Content-Encoding undone. */
function plainBody(dir: string, ref: Flow['request']['body']): Buffer | undefined {
  if (!ref) return undefined;
  const bytes = new RunReader(dir).body(ref.sha256)!;
  return ref.contentEncoding === 'gzip' ? gunzipSync(bytes) : bytes;
}

describe('exportHar', () => {
  it('writes HAR 1.2 that validates against the schema, with decoded text and base64 binary', async () => {
    const { dir, flows } = makeRun();
    const out = await exportHar(dir, { out: join(tempDir('har'), 'all.har') });
    const har = JSON.parse(readFileSync(out, 'utf8'));
    expect(validate(har), JSON.stringify(validate.errors)).toBe(true);
    expect(har.log.creator.name).toBe('privlab');
    expect(har.log.pages.map((p: { id: string }) => p.id)).toEqual(['accept-all/register', 'accept-all/verify']);
    const [reg, face, harness] = har.log.entries;
    expect(reg.response.content).toMatchObject({ text: '{"ok":true,"msg":"注册成功"}', mimeType: 'application/json; charset=utf-8' });
    const decodedSize = Buffer.byteLength(reg.response.content.text);
    expect(reg.response.content.size).toBe(decodedSize);
    expect(reg.response.content.compression).toBe(flows[0]!.response!.body!.size - decodedSize);
    expect(reg.request.postData.text).toBe('{"phone":"13800138000","name":"张三"}');
    expect(reg.request.queryString).toEqual([{ name: 'src', value: 'web' }, { name: 'x', value: '1' }]);
    expect(reg.request.cookies).toEqual([{ name: 'sid', value: 'abc' }, { name: 'lang', value: 'zh' }]);
    expect(reg.response.cookies).toEqual([{ name: 'sid', value: 'def', path: '/', httpOnly: true }]);
    expect(reg._privlab).toMatchObject({ flowId: 'f000001', phase: 'register', variant: 'accept-all', client: 'app' });
    expect(reg.pageref).toBe('accept-all/register');
    expect(face.request.postData._encoding).toBe('base64');
    expect(Buffer.from(face.request.postData.text, 'base64').subarray(1, 4).toString()).toBe('PNG');
    expect(harness.response.status).toBe(0);
    expect(harness.response._error).toBe('connection refused');
    expect(harness._privlab).toMatchObject({ client: 'harness', clientReason: 'browser update check', phase: null });
  });

  it('exports one phase or variant only', async () => {
    const { dir } = makeRun();
    const out = await exportHar(dir, { phase: 'verify', out: join(tempDir('har'), 'v.har') });
    const har = JSON.parse(readFileSync(out, 'utf8'));
    expect(har.log.entries.map((e: { request: { url: string } }) => e.request.url)).toEqual(['https://face.vendor.test/upload']);
    const none = JSON.parse(readFileSync(await exportHar(dir, { variant: 'refuse-policy', out: join(tempDir('har'), 'n.har') }), 'utf8'));
    expect(none.log.entries).toEqual([]);
    expect(validate(none)).toBe(true);
  });

  it('keeps a body that will not decode (a gzip bomb past the cap) as base64 and says so', async () => {
    const dir = join(tempDir('run'), 'r');
    const w = new RunWriter(dir);
    w.writeRunInfo({ id: 'r', privlabVersion: '0', target: { name: 'T', category: 'c', platform: 'web', firstParty: [] }, source: 'live', variants: [], engine: 'embedded', tools: {}, startedAt: '2025-01-01T00:00:00Z', complete: true, outcomes: [] });
    const bomb = w.putBody(gzipSync(Buffer.alloc(4 * 1024 * 1024)), { contentType: 'text/plain', contentEncoding: 'gzip' });
    w.appendFlow({ id: w.nextFlowId(), time: '2025-01-01T00:00:00.000Z', phase: null, variant: null, client: 'app', engine: 'embedded', request: { method: 'GET', url: 'https://x.test/', headers: [] }, response: { status: 200, headers: [{ name: 'Content-Encoding', value: 'gzip' }], body: bomb } });
    w.close();
    const har = JSON.parse(readFileSync(await exportHar(dir, { out: join(dir, '..', 'b.har'), maxBodyBytes: 1024 * 1024 }), 'utf8'));
    const e = har.log.entries[0];
    expect(e.response.content.encoding).toBe('base64');
    expect(e._privlab.responseBody.textContentEncoding).toBe('gzip');
    expect(validate(har)).toBe(true);
  });

  it('round trip: export then import gives the same flows', async () => {
    const { dir } = makeRun();
    const harFile = await exportHar(dir, { out: join(tempDir('har'), 'rt.har') });
    const r = await importHar(harFile, tempDir('imp'), { category: 'marriage_dating' });
    expect(r.warnings).toEqual([]);
    const before = await flowsOf(dir);
    const after = await flowsOf(r.runDir);
    expect(after).toHaveLength(before.length);
    for (const [i, a] of after.entries()) {
      const b = before[i]!;
      expect(a.id).toBe(b.id);
      expect({ phase: a.phase, variant: a.variant, client: a.client, time: a.time, error: a.error, clientReason: a.clientReason }).toEqual({
        phase: b.phase, variant: b.variant, client: b.client, time: b.time, error: b.error, clientReason: b.clientReason,
      });
      expect(a.request.method).toBe(b.request.method);
      expect(a.request.url).toBe(b.request.url);
      expect(a.request.headers).toEqual(b.request.headers);
      expect(a.response?.status).toBe(b.response?.status);
      expect(a.response?.headers).toEqual(b.response?.headers);
      expect(plainBody(r.runDir, a.request.body)).toEqual(plainBody(dir, b.request.body));
      expect(plainBody(r.runDir, a.response?.body)).toEqual(plainBody(dir, b.response?.body));
    }
    // A second round trip is byte-stable.
    const again = await exportHar(r.runDir, { out: join(tempDir('har'), 'rt2.har') });
    const strip = (f: string) => JSON.parse(readFileSync(f, 'utf8')).log.entries.map((e: Record<string, unknown>) => ({ ...e, _privlab: undefined, response: { ...(e.response as object), content: undefined, bodySize: undefined } }));
    expect(strip(again)).toEqual(strip(harFile));
  });
});
