// Persona templates: every placeholder, the literal braces, a misspelt placeholder, and slots a capture does not say.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/errors.ts';
import { checkPersonaTemplate, expandPersona, shortRunId, templatedFields, variantNumber } from '../../src/core/persona-template.ts';
import { VARIANTS } from '../../src/core/phase.ts';
import type { Persona } from '../../src/core/target.ts';
import { loadPersonaFile } from '../../src/runner/load-scenario.ts';

const dir = mkdtempSync(join(tmpdir(), 'privlab-persona-template-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const TEMPLATE: Persona = {
  name: '测试员甲',
  username: 'tester{run}{n}',
  phone: '1380{run}{n}',
  idNumber: '110105199003071239',
  email: 'tester+{run}-{variant}@example.com',
  password: 'Pw-{run}-{n}!',
  faceImage: '/faces/{variant}.png',
  extra: { nickname: 'T-{variant}', address: '北京市朝阳区示例路1号' },
};
const RUN_ID = '20261202T154108.123Z_Example';

describe('persona templates', () => {
  it('fills {variant}, {run} and {n} in every text field, extra included, and leaves image paths alone', () => {
    const run = shortRunId(RUN_ID);
    expect(run).toMatch(/^\d{6}$/);
    const { persona, unexpanded } = expandPersona(TEMPLATE, { variant: 'refuse-policy', runId: RUN_ID });
    expect(unexpanded).toEqual([]);
    expect(persona).toEqual({
      ...TEMPLATE,
      username: `tester${run}4`,
      phone: `1380${run}4`,
      email: `tester+${run}-refuse-policy@example.com`,
      password: `Pw-${run}-4!`,
      extra: { nickname: 'T-refuse-policy', address: '北京市朝阳区示例路1号' },
    });
    // An 11-digit mobile number stays 11 digits.
    expect(persona.phone).toMatch(/^1\d{10}$/);
    expect(templatedFields(TEMPLATE)).toEqual(['username', 'phone', 'email', 'password', 'extra.nickname']);
  });

  it('{n} is the variant number (distinct per variant, the same in every run); {run} differs between runs', () => {
    expect(VARIANTS.map(variantNumber)).toEqual([1, 2, 3, 4, 5]);
    expect(shortRunId(RUN_ID)).toBe(shortRunId(RUN_ID));
    expect(shortRunId(`${RUN_ID}-2`)).not.toBe(shortRunId(RUN_ID));
    const emails = VARIANTS.map((variant) => expandPersona(TEMPLATE, { variant, runId: RUN_ID }).persona.email);
    expect(new Set(emails).size).toBe(VARIANTS.length);
  });

  it('{{ and }} are literal braces; other braces are kept as they are', () => {
    const p: Persona = { ...TEMPLATE, email: undefined, username: undefined, phone: '138{{n}}', password: 'a}}c{ d{1}', extra: undefined };
    expect(templatedFields(p)).toEqual(['phone', 'password']);
    const { persona } = expandPersona(p, { variant: 'accept-all', runId: RUN_ID });
    expect(persona.phone).toBe('138{n}');
    expect(persona.password).toBe('a}c{ d{1}');
    expect(() => checkPersonaTemplate({ ...p, password: 'a{b}c' }, 'p.yaml')).toThrow(/unknown placeholder \{b\}/);
    expect(expandPersona({ ...p, password: 'x}{ d{1}' }, { variant: 'accept-all' }).persona.password).toBe('x}{ d{1}');
    expect(templatedFields({ ...TEMPLATE, username: 'plain', phone: '13800000000', email: 'a@b.c', password: 'p', extra: {} })).toEqual([]);
  });

  it('an unknown placeholder is an input error naming the persona file and the field', () => {
    const file = join(dir, 'persona.yaml');
    writeFileSync(file, "name: 测试员甲\nphone: '13800000000'\nidNumber: '110105199003071239'\npassword: pw\nemail: 't+{varaint}@example.com'\n");
    let error: unknown;
    try {
      loadPersonaFile(file);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toBe(`${file}: persona.email: unknown placeholder {varaint} (known: {variant}, {run}, {n}; write {{ and }} for literal braces)`);
    expect(() => checkPersonaTemplate({ ...TEMPLATE, extra: { nickname: '{user}' } }, 'lab/p.yaml')).toThrow('lab/p.yaml: persona.extra.nickname: unknown placeholder {user}');
    expect(() => checkPersonaTemplate({ ...TEMPLATE, birthDate: '1990-03-0{n}' }, 'p.yaml')).toThrow('p.yaml: persona.birthDate takes no placeholders');
    // Image paths are files: braces there are no placeholders.
    expect(() => checkPersonaTemplate({ ...TEMPLATE, faceImage: '{face}.png' }, 'p.yaml')).not.toThrow();
  });

  it('a field naming a slot that is not given is emptied and listed, the others expand', () => {
    const { persona, unexpanded } = expandPersona(TEMPLATE, { variant: 'accept-all' });
    expect(unexpanded).toEqual([
      { field: 'username', missing: ['run'] },
      { field: 'phone', missing: ['run'] },
      { field: 'email', missing: ['run'] },
      { field: 'password', missing: ['run'] },
    ]);
    expect(persona.email).toBe('');
    expect(persona.extra?.nickname).toBe('T-accept-all');
    expect(expandPersona(TEMPLATE, { runId: RUN_ID }).unexpanded.map((u) => `${u.field}:${u.missing.join('+')}`)).toEqual([
      'username:n',
      'phone:n',
      'email:variant',
      'password:n',
      'extra.nickname:variant',
    ]);
  });
});
