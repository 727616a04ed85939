import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { Flow } from '../../src/core/flow.ts';
import { requestExcerpt } from '../../src/report/excerpt.ts';

const flow = (body: Buffer, contentEncoding?: string): Flow => ({
  id: 'f1', time: '2025-01-01T00:00:00Z', phase: 'register', variant: 'accept-all', client: 'app', engine: 'embedded',
  request: {
    method: 'POST', url: 'https://a.test/x?p=13800138000', headers: [{ name: 'content-type', value: 'application/json' }],
    body: { sha256: 'a'.repeat(64), size: body.length, ...(contentEncoding ? { contentEncoding } : {}) },
  },
});

describe('request excerpt', () => {
  it('marks values plain and encoded, in the URL and the body', async () => {
    const body = Buffer.from(JSON.stringify({ phone: '13800138000', b64: Buffer.from('13800138000').toString('base64'), name: '%E5%BC%A0%E4%B8%89' }));
    const text = await requestExcerpt(flow(body), body, ['13800138000', '张三']);
    expect(text).toContain('?p=⟦13800138000⟧');
    expect(text).toContain('"phone":"⟦13800138000⟧"');
    expect(text).toContain(`"b64":"⟦${Buffer.from('13800138000').toString('base64')}⟧"`);
    expect(text).toContain('"name":"⟦%E5%BC%A0%E4%B8%89⟧"');
  });

  it('shows only windows around the marks of a huge body', async () => {
    const body = Buffer.from(`${'x'.repeat(3_000_000)}"id":"SECRET-ISH-VALUE"${'y'.repeat(100_000)}`);
    const text = await requestExcerpt(flow(body), body, ['SECRET-ISH-VALUE']);
    expect(text.length).toBeLessThan(5_000);
    expect(text).toContain('⟦SECRET-ISH-VALUE⟧');
    const unmarked = await requestExcerpt(flow(body), body, []);
    expect(unmarked.length).toBeLessThan(10_000);
  });

  it('bounds a gzip bomb and survives a broken gzip stream', async () => {
    const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024));
    const text = await requestExcerpt(flow(bomb, 'gzip'), bomb, []);
    expect(text).toMatch(/cut at \d+ bytes/);
    expect(text.length).toBeLessThan(20_000);
    const broken = gzipSync(Buffer.from('{"a":"value-one"}')).subarray(0, 20);
    await expect(requestExcerpt(flow(broken, 'gzip'), broken, ['value-one'])).resolves.toMatch(/stream broken|gzip decoded/);
  });

  it('summarises an image body instead of printing it', async () => {
    const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(5000, 7)]);
    expect(await requestExcerpt(flow(jpeg), jpeg, [])).toMatch(/\[image\/jpeg body, 5004 bytes/);
  });
});
