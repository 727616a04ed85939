import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HarError, importHar } from '../../src/evidence/har-import.ts';
import type { Flow } from '../../src/core/flow.ts';
import { RunReader } from '../../src/evidence/run-reader.ts';
import { tempDir } from './helpers.ts';

const FIX = new URL('../fixtures/har/', import.meta.url).pathname;

async function flowsOf(runDir: string): Promise<Flow[]> {
  const out: Flow[] = [];
  for await (const f of new RunReader(runDir).flows()) out.push(f);
  return out;
}

function bodyText(runDir: string, f: Flow, side: 'request' | 'response'): string | undefined {
  const ref = side === 'request' ? f.request.body : f.response?.body;
  return ref ? new RunReader(runDir).body(ref.sha256)?.toString('utf8') : undefined;
}

describe('importHar dialects', () => {
  it('Chrome devtools: resource types, page title, base64 image, failed request', async () => {
    const r = await importHar(join(FIX, 'chrome.har'), tempDir('imp'), { category: 'marriage_dating' });
    expect(r.flows).toBe(3);
    const info = new RunReader(r.runDir).info();
    expect(info).toMatchObject({ source: 'har-import', engine: 'har', complete: true, target: { name: 'LoveLink 注册', category: 'marriage_dating', platform: 'web', firstParty: [] } });
    expect(info.tools['har-creator']).toBe('WebInspector 537.36');
    expect(r.runDir).toMatch(/_chrome$/);
    const [post, img, failed] = await flowsOf(r.runDir);
    expect(post!.request.method).toBe('POST');
    expect(bodyText(r.runDir, post!, 'request')).toBe('phone=13800138000&name=%E5%BC%A0%E4%B8%89');
    expect(post!.request.body!.contentType).toBe('application/x-www-form-urlencoded');
    expect(post!.notes).toContain('HAR resource type: xhr');
    expect(post!.durationMs).toBe(42.7);
    const png = new RunReader(r.runDir).body(img!.response!.body!.sha256)!;
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(failed!.response).toBeUndefined();
    expect(failed!.error).toBe('net::ERR_CONNECTION_REFUSED');
    expect(readFileSync(join(r.runDir, 'capture.har'))).toEqual(readFileSync(join(FIX, 'chrome.har')));
  });

  it('HTTP Toolkit: JSON login and a base64 face upload', async () => {
    const r = await importHar(join(FIX, 'httptoolkit.har'), tempDir('imp'), { category: 'online_shopping', targetName: 'Shop', firstParty: ['shop.test'] });
    const [login, face] = await flowsOf(r.runDir);
    expect(new RunReader(r.runDir).info().target).toMatchObject({ name: 'Shop', firstParty: ['shop.test'] });
    expect(JSON.parse(bodyText(r.runDir, login!, 'request')!)).toEqual({ phone: '13900139000', code: '123456' });
    // The HAR text is already decoded, whatever Content-Encoding the headers name: stored as identity.
    expect(login!.response!.body!.contentEncoding).toBe('identity');
    expect(bodyText(r.runDir, login!, 'response')).toBe('{"token":"t-42"}');
    const jpeg = new RunReader(r.runDir).body(face!.request.body!.sha256)!;
    expect([...jpeg.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
    expect(face!.response!.status).toBe(204);
  });

  it('Charles: a form given only as params, an offset date, a redirect', async () => {
    const r = await importHar(join(FIX, 'charles.har'), tempDir('imp'), { category: 'marriage_dating' });
    const [form, avatar] = await flowsOf(r.runDir);
    expect(bodyText(r.runDir, form!, 'request')).toBe('idcard=110101199003074514&income=20000');
    expect(form!.notes).toContain('request body rebuilt from postData.params');
    expect(form!.time).toBe('2025-03-03T02:00:00.000Z');
    expect(form!.response!.status).toBe(302);
    expect(avatar!.response!.body!.contentType).toBe('image/png');
    expect(new RunReader(r.runDir).info().target.name).toBe('charles');
  });

  it('mitmproxy savehar: microsecond dates and missing optional fields', async () => {
    const r = await importHar(join(FIX, 'mitmproxy-savehar.har'), tempDir('imp'), { category: 'education' });
    expect(r.warnings).toEqual([]);
    const [me, upload] = await flowsOf(r.runDir);
    expect(me!.time).toBe('2025-03-04T11:00:00.123Z');
    expect(bodyText(r.runDir, me!, 'response')).toBe('{"name":"李四","grade":"三年级"}');
    expect(upload!.request.headers).toEqual([]);
    expect([...new RunReader(r.runDir).body(upload!.request.body!.sha256)!]).toEqual([...Array(16).keys()]);
    expect(upload!.response!.headers).toEqual([]);
  });
});

describe('importHar of a privlab export', () => {
  it('restores the phase outcomes of log._privlab, whichever way they ended (blocked, error)', async () => {
    const har = JSON.parse(readFileSync(join(FIX, 'chrome.har'), 'utf8')) as { log: Record<string, unknown> };
    const outcomes = [
      { phase: 'register', variant: 'accept-all', status: 'completed' },
      { phase: 'register', variant: 'refuse-optional', status: 'blocked', blockedAt: 'see 注册成功' },
      { phase: 'login', variant: 'accept-all', status: 'error', message: 'locator.fill failed' },
      { phase: 'nonsense', variant: 'accept-all', status: 'completed' },
    ];
    har.log._privlab = { outcomes };
    const file = join(tempDir('exp'), 'export.har');
    writeFileSync(file, JSON.stringify(har));
    const r = await importHar(file, tempDir('imp'), { category: 'marriage_dating' });
    // The entry with an unknown phase is dropped; the others come back as they were.
    expect(new RunReader(r.runDir).info().outcomes).toEqual(outcomes.slice(0, 3));
  });
});

describe('importHar on broken input', () => {
  it('a truncated HAR is a HarError with its position; flows before it stay', async () => {
    const whole = readFileSync(join(FIX, 'chrome.har'), 'utf8');
    const cut = whole.slice(0, whole.indexOf('"_resourceType": "fetch"') + 10);
    const file = join(tempDir('bad'), 'cut.har');
    writeFileSync(file, cut);
    const err = (await importHar(file, tempDir('imp'), { category: 'marriage_dating' }).catch((e) => e)) as HarError;
    expect(err).toBeInstanceOf(HarError);
    expect(err.message).toContain(file);
    expect(err.message).toMatch(/unexpected end of file inside log\.entries\[2\].*truncated/);
    expect(err.position!.offset).toBe(Buffer.byteLength(cut));
    expect(err.position!.line).toBe(cut.split('\n').length);
    expect(err.flowsImported).toBe(2);
    const info = new RunReader(err.runDir!).info();
    expect(info.complete).toBe(false);
    expect(info.incompleteReason).toContain('unexpected end of file');
    expect(await flowsOf(err.runDir!)).toHaveLength(2);
  });

  it('a syntax error names the byte offset, line and column', async () => {
    const file = join(tempDir('bad'), 'bad.har');
    const text = '{"log": {"version": "1.2", "entries": [\n  {"request": {"method": "GET", "url": "https://a.test/"}},\n  {"request": {"url" "x"}}\n]}}';
    writeFileSync(file, text);
    const err = (await importHar(file, tempDir('imp'), { category: 'x' }).catch((e) => e)) as HarError;
    expect(err).toBeInstanceOf(HarError);
    const at = text.indexOf('"x"');
    expect(err.position).toEqual({ offset: at, line: 3, column: at - text.lastIndexOf('\n', at) });
    expect(err.message).toContain("expected ':' after the key");
    expect(err.flowsImported).toBe(1);
  });

  it('an entry that is structurally JSON but not parseable (bad escape digits) is located inside the entry', async () => {
    const file = join(tempDir('bad'), 'esc.har');
    const text = '{"log": {"version": "1.2", "entries": [\n{"request": {"url": "https://a.test/\\uZZZZ"}}]}}';
    writeFileSync(file, text);
    const err = (await importHar(file, tempDir('imp'), { category: 'x' }).catch((e) => e)) as HarError;
    expect(err).toBeInstanceOf(HarError);
    expect(err.position!.line).toBe(2);
    expect(err.position!.offset).toBeGreaterThan(text.indexOf('\\u'));
    expect(err.position!.offset).toBeLessThan(text.indexOf('ZZZZ') + 5);
  });

  it('not a HAR, entries without a url, and oversized entries are reported, not crashed on', async () => {
    const dir = tempDir('bad');
    writeFileSync(join(dir, 'nolog.har'), '{"foo": []}');
    await expect(importHar(join(dir, 'nolog.har'), tempDir('imp'), { category: 'x' })).rejects.toThrow(/no "log" object/);
    const big = 'a'.repeat(5000);
    writeFileSync(
      join(dir, 'odd.har'),
      JSON.stringify({ log: { version: '1.2', entries: [{ request: {} }, 7, { request: { url: `https://a.test/${big}` } }, { request: { url: 'https://b.test/' } }] } }),
    );
    const r = await importHar(join(dir, 'odd.har'), tempDir('imp'), { category: 'x', maxEntryBytes: 1000 });
    expect(r.flows).toBe(1);
    expect(r.warnings).toHaveLength(3);
    expect(r.warnings[2]).toMatch(/entry 2 .*over the entry limit; skipped/);
    expect(await importHar(join(dir, 'missing.har'), tempDir('imp'), { category: 'x' }).catch((e) => e)).toBeInstanceOf(HarError);
  });

  it('deep nesting and a byte-order mark are handled', async () => {
    const dir = tempDir('bad');
    writeFileSync(join(dir, 'deep.har'), '{"log": {"entries": [' + '['.repeat(100000) + ']'.repeat(100000) + ']}}');
    await expect(importHar(join(dir, 'deep.har'), tempDir('imp'), { category: 'x' })).rejects.toThrow(/nesting deeper than 512/);
    writeFileSync(join(dir, 'bom.har'), '\ufeff' + readFileSync(join(FIX, 'charles.har'), 'utf8'));
    expect((await importHar(join(dir, 'bom.har'), tempDir('imp'), { category: 'x' })).flows).toBe(2);
  });
});
