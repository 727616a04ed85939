import { existsSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { DEMO_SMS_CODE } from '../../scenarios/demo/shared/sms.ts';
import type { Persona } from '../../src/core/target.ts';

const dir = new URL('../../scenarios/demo/', import.meta.url);
const persona = parse(readFileSync(new URL('persona.yaml', dir), 'utf8')) as Persona;

/** GB 11643-1999 check character of a resident ID number's first 17 digits. */
function idCheckChar(first17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((acc, d, i) => acc + Number(d) * weights[i]!, 0);
  return '10X98765432'[sum % 11]!;
}

describe('the demo persona', () => {
  it('has a valid-format mainland mobile number', () => {
    expect(persona.phone).toMatch(/^1[3-9]\d{9}$/);
  });

  it('has a resident ID number with a correct checksum, a real birth date matching birthDate, and the right sex digit', () => {
    const id = persona.idNumber;
    expect(id).toMatch(/^\d{17}[\dX]$/);
    expect(id[17]).toBe(idCheckChar(id.slice(0, 17)));
    const [y, m, d] = [id.slice(6, 10), id.slice(10, 12), id.slice(12, 14)];
    const date = new Date(`${y}-${m}-${d}T00:00:00Z`);
    expect(date.toISOString().slice(0, 10)).toBe(`${y}-${m}-${d}`);
    expect(persona.birthDate).toBe(`${y}-${m}-${d}`);
    expect(Number(id[16]) % 2 === 0 ? '女' : '男').toBe(persona.gender);
  });

  it('uses the SMS code the sample apps accept', () => {
    expect(persona.smsCode).toBe(DEMO_SMS_CODE);
  });

  it('has a face image on disk with its licence beside it', () => {
    expect(existsSync(new URL(persona.faceImage!, dir))).toBe(true);
    expect(readFileSync(new URL('assets/LICENSE.md', dir), 'utf8')).toContain('persona-face.png');
  });

  it('keys extra values by PI-type slugs the catalog knows', () => {
    const slugs = new Set((parse(readFileSync(new URL('../../config/pi-types.yaml', import.meta.url), 'utf8')) as Array<{ slug: string }>).map((t) => t.slug));
    for (const key of Object.keys(persona.extra ?? {})) expect(slugs.has(key), key).toBe(true);
  });
});
