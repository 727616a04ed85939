import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createRedactor, encodedForms } from '../../src/report/redact.ts';
import { PERSONA } from './run-fixture.ts';

describe('redaction', () => {
  it('masks secrets in every common encoding even without a key, and leaves other PI alone', () => {
    const r = createRedactor(PERSONA, [], undefined);
    const pw = PERSONA.password;
    const text = [pw, encodeURIComponent(pw), Buffer.from(pw).toString('base64'), createHash('md5').update(pw).digest('hex'), `code=${PERSONA.smsCode}`, PERSONA.phone].join(' ');
    const out = r.text(text);
    expect(out).not.toContain(pw);
    expect(out).not.toContain(encodeURIComponent(pw));
    expect(out).not.toContain(Buffer.from(pw).toString('base64'));
    expect(out).not.toContain(PERSONA.smsCode);
    expect(out).toContain('‹secret:password›');
    expect(out).toContain('‹secret:sms_code›');
    expect(out).toContain(PERSONA.phone);
    expect(r.omitsScreenshots).toBe(false);
  });

  it('replaces PI by a keyed hash that depends on the key, naming the encoding it was found in', () => {
    const a = createRedactor(PERSONA, [], { key: 'k1' });
    const b = createRedactor(PERSONA, [], { key: 'k2' });
    const plain = a.text(`phone ${PERSONA.phone}`);
    expect(plain).toMatch(/^phone ‹PI:phone_number:[0-9a-f]{6}›$/);
    expect(b.text(`phone ${PERSONA.phone}`)).not.toBe(plain);
    const sha = createHash('sha256').update(PERSONA.idNumber).digest('hex').toUpperCase();
    expect(a.text(sha)).toMatch(/^‹PI:id_number:[0-9a-f]{6}\|sha256›$/);
    expect(a.text(encodeURIComponent(PERSONA.name))).toMatch(/^‹PI:real_name:[0-9a-f]{6}\|url›$/);
    expect(a.omitsScreenshots).toBe(true);
  });

  it('redacts observed values and works on raw bytes and nested JSON', () => {
    const obs = [{ id: 'o1', piType: 'education', value: '本科学历' }] as never[];
    const r = createRedactor(undefined, obs, { key: 'k' });
    const bytes = Buffer.concat([Buffer.from([0xff, 0x00]), Buffer.from('x本科学历y'), Buffer.from([0x80])]);
    expect(r.bytes(bytes).toString('latin1')).not.toContain(Buffer.from('本科学历').toString('latin1'));
    expect(JSON.stringify(r.deep({ a: ['本科学历'], '本科学历': 1 }))).not.toContain('本科学历');
  });

  it('lists url, base64, hex and hash forms', () => {
    const kinds = new Set(encodedForms('张三丰').map((f) => f.encoding));
    for (const k of ['', 'url', 'base64', 'hex', 'md5', 'sha1', 'sha256', 'json']) expect(kinds).toContain(k);
  });
});
