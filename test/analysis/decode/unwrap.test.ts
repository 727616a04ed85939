import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodeRequest } from '../../../src/analysis/decode/request.ts';
import { decodeBody, flowOf } from '../helpers.ts';

const b64 = (s: string | Buffer): string => Buffer.from(s).toString('base64');
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');

describe('body decoders', () => {
  it('reads a list of [name, value] pairs (Sentry\'s tags) as fields of the list', async () => {
    const r = await decodeBody(JSON.stringify({ tags: [['os', 'Windows 8'], ['level', 'error']], matrix: [[1, 2], [3, 4]] }), 'application/json');
    expect(r.at('body.tags[0][1]')).toMatchObject({ key: 'os', parent: 'body.tags', value: 'Windows 8' });
    expect(r.leaves.some((l) => l.path === 'body.tags[0][0]')).toBe(false);
    expect(r.at('body.matrix[1][0]')?.value).toBe('3');
  });

  it('reads a percent-encoded run that is no UTF-8 as GBK when it decodes to Chinese (YeePay logs)', async () => {
    const r = await decodeRequest(flowOf('https://www.yeepay.com/cmd?name=%d0%bb%ba%a3%be%fc&ok=%E5%BC%A0&bad=%ff%fe'), undefined);
    const at = (p: string): unknown => r.leaves.find((l) => l.path === p)?.value;
    expect(at('query.name')).toBe('谢海军');
    expect(at('query.ok')).toBe('张');
    expect(at('query.bad')).toBe('%ff%fe');
  });

  it('reads the query of a link inside a value as its fields (a tracker URL carrying base64url JSON)', async () => {
    const log = Buffer.from(JSON.stringify({ client_ip: '1.1.1.1', model: 'sm-g900a' })).toString('base64url');
    const r = await decodeBody(JSON.stringify({ trackers: [`https://t.example/imp?log=${log}&sid=__SID__`], text: 'see https://a.example/?q=1 now' }), 'application/json');
    expect(r.at('body.trackers[0].log.client_ip')?.chain).toEqual(['json', 'url-query', 'base64', 'json']);
    expect(r.at('body.trackers[0].sid')?.value).toBe('__SID__');
    expect(r.at('body.trackers[0]')?.value).toMatch(/^https:\/\/t\.example\/imp\?log=/);
    // Prose that mentions a link is a value, not a URL.
    expect(r.at('body.text')?.value).toBe('see https://a.example/?q=1 now');
    expect(r.leaves.some((l) => l.path.startsWith('body.text.'))).toBe(false);
  });

  it('walks JSON with paths, and nested JSON in base64 in multipart records the chain', async () => {
    const inner = b64(JSON.stringify({ phone: '13912345678' }));
    const mp =
      '--B\r\nContent-Disposition: form-data; name="profile"\r\nContent-Type: application/json\r\n\r\n' +
      JSON.stringify({ user: { blob: inner } }) +
      '\r\n--B--\r\n';
    const r = await decodeBody(mp, 'multipart/form-data; boundary=B');
    const leaf = r.at('body[multipart:profile].user.blob.phone');
    expect(leaf?.value).toBe('13912345678');
    expect(leaf?.chain).toEqual(['multipart:profile', 'json', 'base64', 'json']);
    expect(r.notes).toEqual([]);
  });

  it('keeps multipart files as binary leaves with file name and content type', async () => {
    const body = Buffer.concat([
      Buffer.from('--B\r\nContent-Disposition: form-data; name="photo"; filename="me.png"\r\nContent-Type: image/png\r\n\r\n'),
      PNG,
      Buffer.from('\r\n--B--\r\n'),
    ]);
    const leaf = (await decodeBody(body, 'multipart/form-data; boundary=B')).at('body[multipart:photo]');
    expect(Buffer.isBuffer(leaf?.value)).toBe(true);
    expect(leaf).toMatchObject({ filename: 'me.png', contentType: 'image/png', key: 'photo' });
    expect((leaf?.value as Buffer).equals(PNG)).toBe(true);
  });

  it('notes a malformed multipart and still reads its parts', async () => {
    const r = await decodeBody('--B\r\nContent-Disposition: form-data; name="a"\r\n\r\nhello', 'multipart/form-data; boundary=B');
    expect(r.at('body[multipart:a]')?.value).toBe('hello');
    expect(r.notes.join()).toMatch(/closing boundary missing/);
  });

  it('decodes urlencoded forms, gzip, deflate and br', async () => {
    const form = 'a=1&name=%E6%9D%8E%E6%99%93%E6%98%8E&c=x+y';
    for (const [enc, z] of [['gzip', zlib.gzipSync], ['deflate', zlib.deflateSync], ['br', zlib.brotliCompressSync]] as const) {
      const r = await decodeBody(z(Buffer.from(form)), 'application/x-www-form-urlencoded', enc);
      expect(r.at('body.name')?.value).toBe('李晓明');
      expect(r.at('body.c')?.value).toBe('x y');
      expect(r.at('body.name')?.chain).toEqual([enc, 'form']);
    }
  });

  it('stops a gzip bomb at the cap with a note', async () => {
    const bomb = zlib.gzipSync(Buffer.alloc(50 * 1024 * 1024));
    const r = await decodeBody(bomb, 'application/octet-stream', 'gzip', { maxBytes: 1024 * 1024 });
    expect(r.notes.join()).toMatch(/exceeds 1048576 bytes/);
    const sizes = r.leaves.map((l) => l.value.length);
    expect(Math.max(0, ...sizes)).toBeLessThanOrEqual(1024 * 1024);
  });

  it('reads XML element text and attributes, with entities and CDATA', async () => {
    const r = await decodeBody('<r><u id="7"><m>139&#49;2345678</m><n><![CDATA[李 & 王]]></n></u></r>', 'application/xml');
    expect(r.at('body.r.u.m')?.value).toBe('13912345678');
    expect(r.at('body.r.u@id')?.value).toBe('7');
    expect(r.at('body.r.u.n')?.value).toBe('李 & 王');
    expect(r.at('body.r.u.m')?.chain).toEqual(['xml']);
  });

  it('decodes data URLs to binary leaves and JWT payloads to fields', async () => {
    const jwt = `${Buffer.from('{"alg":"HS256"}').toString('base64url')}.${Buffer.from('{"phone":"13912345678"}').toString('base64url')}.sig`;
    const r = await decodeBody(JSON.stringify({ img: `data:image/png;base64,${b64(PNG)}`, t: jwt }), 'application/json');
    expect(r.at('body.img')).toMatchObject({ contentType: 'image/png', chain: ['json', 'dataurl'] });
    expect(r.at('body.t.phone')).toMatchObject({ value: '13912345678', chain: ['json', 'jwt'] });
  });

  it('pulls GraphQL literal arguments and walks variables', async () => {
    const body = JSON.stringify({ query: 'mutation { register(phone: "13912345678", age: 33) { id } }', variables: { email: 'a@b.cn' } });
    const r = await decodeBody(body, 'application/json');
    expect(r.at('body.query.phone')).toMatchObject({ value: '13912345678', chain: ['json', 'graphql'] });
    expect(r.at('body.query.age')?.value).toBe('33');
    expect(r.at('body.variables.email')?.value).toBe('a@b.cn');
  });

  it('reads protobuf wire format without a schema, and rejects bytes that do not parse cleanly', async () => {
    // field 1: "13912345678", field 2: { field 1: varint 150 }
    const pb = Buffer.concat([Buffer.from([0x0a, 11]), Buffer.from('13912345678'), Buffer.from([0x12, 3, 0x08, 0x96, 0x01])]);
    const r = await decodeBody(pb, 'application/x-protobuf');
    expect(r.at('body.#1')).toMatchObject({ value: '13912345678', chain: ['protobuf'] });
    expect(r.at('body.#2.#1')?.value).toBe('150');
    const bad = await decodeBody(Buffer.concat([pb, Buffer.from([0x0a, 0x50])]), 'application/x-protobuf');
    expect(bad.notes.join()).toMatch(/not a clean protobuf/);
    expect(bad.at('body.#1')).toBeUndefined();
  });

  it('does not "decode" random tokens, hex digests or numbers as base64', async () => {
    const r = await decodeBody(JSON.stringify({ t: 'Zx81KqP0vL2mN7rT4yW9bC3d', h: 'a'.repeat(32), n: '13912345678' }), 'application/json');
    expect(r.at('body.t')?.chain).toEqual(['json']);
    expect(r.at('body.h')?.chain).toEqual(['json']);
    expect(r.at('body.n')?.value).toBe('13912345678');
  });

  it('decodes hex that spells text (hex-encoded JSON in a form field), leaves digests alone', async () => {
    const hex = Buffer.from(JSON.stringify({ imei: '863408031494140' })).toString('hex');
    const r = await decodeBody(`d=${hex}&sig=${'ab12'.repeat(8)}`, 'application/x-www-form-urlencoded');
    expect(r.at('body.d.imei')?.chain).toEqual(['form', 'hex', 'json']);
    expect(r.at('body.sig')?.value).toBe('ab12'.repeat(8));
    expect(r.leaves.some((l) => l.chain.includes('hex') && l.path.startsWith('body.sig'))).toBe(false);
  });

  it('reads protobuf posted under a form label, and URL-encoded JSON in a header', async () => {
    const pb = Buffer.concat([Buffer.from([0x0a, 11]), Buffer.from('13912345678'), Buffer.from([0x12, 5, 0x08, 0x96, 0x01, 0x10, 0x01])]);
    const r = await decodeBody(pb, 'application/x-www-form-urlencoded');
    expect(r.at('body.#1')?.chain).toEqual(['protobuf']);
    const h = await decodeRequest(flowOf('https://x.test/', [{ name: 'X-Device', value: encodeURIComponent(JSON.stringify({ imei: '863408031494140' })) }]), undefined);
    expect(h.leaves.find((l) => l.path === 'header.x-device.imei')?.chain).toEqual(['url-encoded', 'json']);
  });

  it('notes nesting past the depth limit and invalid UTF-8', async () => {
    const deep = '['.repeat(10_000) + '1' + ']'.repeat(10_000);
    expect((await decodeBody(deep, 'application/json')).notes.join()).toMatch(/nesting deeper than/);
    const bad = await decodeBody(Buffer.concat([Buffer.from('{"a":"'), Buffer.from([0xff, 0xfe]), Buffer.from('","m":"1"}')]), 'application/json');
    expect(bad.notes.join()).toMatch(/invalid UTF-8/);
    expect(bad.at('body.m')?.value).toBe('1');
  });

  it('bounds the number of leaves per flow', async () => {
    const many = Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`k${i}`, 'v']));
    const r = await decodeBody(JSON.stringify(many), 'application/json', undefined, { maxLeaves: 100 });
    expect(r.leaves).toHaveLength(100);
    expect(r.notes.join()).toMatch(/more than 100 values/);
  });
});

describe('request parts', () => {
  it('decodes URL path segments, query, headers and cookies', async () => {
    const flow = flowOf('https://a.test/v1/users/13912345678?phone=139&q=%E6%9D%8E', [
      { name: 'Cookie', value: 'sid=abc; uid="42"' },
      { name: 'X-Imei', value: '861234567890127' },
      { name: 'Accept', value: '*/*' },
    ]);
    const r = await decodeRequest(flow, undefined);
    const at = (p: string) => r.leaves.find((l) => l.path === p);
    expect(at('url.path[3]')?.value).toBe('13912345678');
    expect(at('query.q')).toMatchObject({ value: '李', location: 'url', chain: ['query'] });
    expect(at('cookie.uid')).toMatchObject({ value: '42', location: 'cookie' });
    expect(at('header.x-imei')).toMatchObject({ value: '861234567890127', location: 'header' });
    expect(at('header.accept')).toBeUndefined();
  });
});
