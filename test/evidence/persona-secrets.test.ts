// Persona secrets are kept as keyed hashes: never in clear (nor base64, hex or a digest) in what run.json
// stores, still found in traffic by analysis and still masked in report text, with this lab's key only.

import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { personaMatcher } from '../../src/analysis/pii/persona.ts';
import type { Persona } from '../../src/core/target.ts';
import { loadOrCreatePersonaKey, protectPersona, PERSONA_KEY_FILE } from '../../src/evidence/persona-secrets.ts';
import { createRedactor } from '../../src/report/redact.ts';
import { tempDir } from './helpers.ts';

const PERSONA: Persona = { name: '林晓雯', phone: '13957216048', idNumber: '330106199308150429', password: 'Lx#2024demo', smsCode: '246810' };

const savedHome = process.env.PRIVLAB_HOME;
let home: string;
beforeAll(() => {
  home = tempDir('home');
  process.env.PRIVLAB_HOME = home;
});
afterAll(() => {
  if (savedHome === undefined) delete process.env.PRIVLAB_HOME;
  else process.env.PRIVLAB_HOME = savedHome;
});

function clearForms(v: string): string[] {
  const b = Buffer.from(v);
  return [v, encodeURIComponent(v), b.toString('base64').replace(/=+$/, ''), b.toString('hex'), createHash('md5').update(b).digest('hex')];
}

describe('persona secrets', () => {
  it('are stored as HMACs only, under an owner-only key outside the run', () => {
    const key = loadOrCreatePersonaKey();
    expect(statSync(join(home, PERSONA_KEY_FILE)).mode & 0o777).toBe(0o600);
    const stored = protectPersona(PERSONA, key);
    const json = JSON.stringify(stored);
    for (const secret of [PERSONA.password, PERSONA.smsCode!]) for (const f of clearForms(secret)) expect(json).not.toContain(f);
    expect(stored).not.toHaveProperty('password');
    expect(stored.secretHashes).toMatchObject({ algorithm: 'hmac-sha256', keyId: key.id });
    expect(stored.phone).toBe(PERSONA.phone);
  });

  it('analysis finds them whole, base64 or as an md5 digest; not with another lab key', () => {
    const stored = protectPersona(PERSONA, loadOrCreatePersonaKey());
    const m = personaMatcher(stored);
    expect(m.match('Lx#2024demo').map((d) => d.piType)).toContain('password');
    expect(m.match(Buffer.from('Lx#2024demo').toString('base64')).map((d) => d.piType)).toContain('password');
    expect(m.match(`sig=${createHash('md5').update('246810').digest('hex')}`).map((d) => d.piType)).toContain('sms_code');
    expect(m.match('Lx#2024demoX').some((d) => d.piType === 'password')).toBe(false);

    process.env.PRIVLAB_HOME = tempDir('other-lab');
    try {
      expect(personaMatcher(stored).match('Lx#2024demo').some((d) => d.piType === 'password')).toBe(false);
    } finally {
      process.env.PRIVLAB_HOME = home;
    }
  });

  it('report redaction masks them in request text without knowing them in clear', () => {
    const stored = protectPersona(PERSONA, loadOrCreatePersonaKey());
    const r = createRedactor([stored], [], undefined);
    const text = r.text('{"phone":"13957216048","password":"Lx#2024demo","code":"246810"} pw=THgjMjAyNGRlbW8=');
    expect(text).not.toContain('Lx#2024demo');
    expect(text).not.toContain('246810');
    expect(text).not.toContain('THgjMjAyNGRlbW8');
    expect(text).toContain('‹secret›');
  });
});
