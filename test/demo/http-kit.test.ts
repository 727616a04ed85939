import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpError, MAX_BODY_BYTES, json, listen, parseJson, parseMultipart, router, type Listening } from '../../scenarios/demo/shared/http-kit.ts';

let server: Listening;

beforeAll(async () => {
  server = await listen(
    router(
      {
        'POST /json': (req) => json({ code: 0, got: parseJson(req) }),
        'POST /multipart': async (req) => json({ code: 0, keys: [...(await parseMultipart(req)).keys()] }),
        'GET /boom': () => {
          throw new Error('unexpected');
        },
        'GET /teapot': () => {
          throw new HttpError(418, '我是茶壶');
        },
      },
      { cors: true },
    ),
    { cors: true },
  );
});
afterAll(() => server.close());

function post(path: string, body: Buffer | string, type = 'application/json'): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: server.port, path, method: path === '/boom' || path === '/teapot' ? 'GET' : 'POST', headers: { 'content-type': type } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('sample-app http kit', () => {
  it('parses JSON bodies and rejects broken or non-object ones with 400', async () => {
    expect(JSON.parse((await post('/json', '{"a":{"b":[1]}}')).body).got).toEqual({ a: { b: [1] } });
    for (const bad of ['{"a":', '[1,2]', '"x"', '\xff\xfe']) expect((await post('/json', bad)).status, bad).toBe(400);
  });

  it('survives deep nesting', async () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    expect((await post('/json', deep)).status).toBe(400);
  });

  it('refuses bodies over the limit without buffering them', async () => {
    const r = await post('/json', Buffer.alloc(MAX_BODY_BYTES + 1024, 0x20));
    expect(r.status).toBe(413);
    expect(JSON.parse(r.body).msg).toBe('文件过大');
  });

  it('rejects a multipart body with a bad boundary', async () => {
    expect((await post('/multipart', 'garbage', 'multipart/form-data; boundary=zzz')).status).toBe(400);
    expect((await post('/multipart', 'a=1', 'application/x-www-form-urlencoded')).status).toBe(400);
  });

  it('turns handler errors into JSON: HttpError keeps its status, anything else is 500', async () => {
    const tea = await post('/teapot', '');
    expect(tea.status).toBe(418);
    expect(JSON.parse(tea.body).msg).toBe('我是茶壶');
    expect((await post('/boom', '')).status).toBe(500);
  });
});
