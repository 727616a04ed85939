import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { expandPersona } from '../../src/core/persona-template.ts';
import { runPersonas, type RunInfo } from '../../src/core/run.ts';
import { loadOrCreatePersonaKey, protectPersona } from '../../src/evidence/persona-secrets.ts';
import { createRedactor, encodedForms } from '../../src/report/redact.ts';
import { PERSONA } from './run-fixture.ts';

describe('redaction', () => {
  it('masks secrets in every common encoding even without a key, and leaves other PI alone', () => {
    const r = createRedactor([PERSONA], [], undefined);
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
    const a = createRedactor([PERSONA], [], { key: 'k1' });
    const b = createRedactor([PERSONA], [], { key: 'k2' });
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
    const r = createRedactor([], obs, { key: 'k' });
    const bytes = Buffer.concat([Buffer.from([0xff, 0x00]), Buffer.from('x本科学历y'), Buffer.from([0x80])]);
    expect(r.bytes(bytes).toString('latin1')).not.toContain(Buffer.from('本科学历').toString('latin1'));
    expect(JSON.stringify(r.deep({ a: ['本科学历'], '本科学历': 1 }))).not.toContain('本科学历');
  });

  it('lists url, base64, hex and hash forms', () => {
    const kinds = new Set(encodedForms('张三丰').map((f) => f.encoding));
    for (const k of ['', 'url', 'base64', 'hex', 'md5', 'sha1', 'sha256', 'json']) expect(kinds).toContain(k);
  });

  it("covers every variant's expansion of a template persona, its hashed password included", () => {
    const template = { ...PERSONA, username: 'u{run}{n}', email: 'tester+{run}-{variant}@example.com', password: 'Pw-{run}-{variant}' };
    const key = loadOrCreatePersonaKey();
    const own = (variant: 'accept-all' | 'refuse-policy') => expandPersona(template, { variant, runId: 'r1' }).persona;
    const info: Pick<RunInfo, 'persona' | 'personaByVariant'> = {
      persona: protectPersona(template, key),
      personaByVariant: { 'accept-all': protectPersona(own('accept-all'), key), 'refuse-policy': protectPersona(own('refuse-policy'), key) },
    };
    const values = (['accept-all', 'refuse-policy'] as const).flatMap((v) => [own(v).email!, own(v).username!, encodeURIComponent(own(v).email!)]);
    const text = `${values.join(' ')} pw=${own('refuse-policy').password} b64=${Buffer.from(own('accept-all').password).toString('base64')}`;
    const out = createRedactor(runPersonas(info), [], { key: 'k' }).text(text);
    for (const v of [...values, own('refuse-policy').password, Buffer.from(own('accept-all').password).toString('base64')]) expect(out).not.toContain(v);
    expect(out).toMatch(/‹PI:email:[0-9a-f]{6}›.*‹PI:account_id:[0-9a-f]{6}›.*‹PI:email:[0-9a-f]{6}\|url›/);
    expect(out).toContain('pw=‹secret›');
    // The template alone (what run.json held before) would leave every variant's e-mail in the report.
    expect(createRedactor([info.persona!], [], { key: 'k' }).text(text)).toContain(own('accept-all').email!);
  });
});
