// No persona secret in clear in a run directory: a real run of the sample app that sends the persona's
// password and SMS code, with --redact, then every file of the run directory is searched for the
// secrets in the forms apps send them (as typed, URL-encoded, base64, hex). The only files allowed to
// hold them are the captured wire data (bodies/ and flows.jsonl: what the app itself sent, kept as
// evidence byte for byte); run.json, the timeline, observations, findings and every report must not.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../evidence/helpers.ts';
import { runChild } from '../live/child.ts';

const BIN = new URL('../../bin/privlab.mjs', import.meta.url).pathname;
const SECRETS = { password: 'Lx#2024demo', smsCode: '246810' }; // scenarios/demo/persona.yaml

function forms(v: string): string[] {
  const b = Buffer.from(v);
  return [v, encodeURIComponent(v), b.toString('base64').replace(/=+$/, ''), b.toString('hex')];
}

function files(dir: string, rel = ''): string[] {
  return readdirSync(join(dir, rel)).flatMap((n) => {
    const r = rel ? `${rel}/${n}` : n;
    return statSync(join(dir, r)).isDirectory() ? files(dir, r) : [r];
  });
}

/** A secret form not inside a longer run of letters and digits (a hash that happens to hold "246810"). */
function holds(text: string, form: string): boolean {
  const re = new RegExp(`(?<![0-9A-Za-z])${form.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![0-9A-Za-z])`);
  return re.test(text);
}

describe('persona secrets in a run directory', () => {
  it('a redacted run of lovelink holds the password and SMS code only in the captured wire data', async () => {
    const root = tempDir('secrets');
    const runDir = join(root, 'run');
    const r = await runChild(BIN, ['run', 'scenarios/demo/lovelink/scenario.ts', '--variants', 'accept-all', '--out', runDir, '--no-pdf', '--redact', 'test-key'], {
      PRIVLAB_HOME: join(root, 'home'),
    });
    expect([0, 3, 5], r.err).toContain(r.code);

    const hits = new Map<string, string[]>();
    for (const f of files(runDir)) {
      if (f.startsWith('screenshots/')) continue; // PNG pixels: a password field shows dots
      const text = readFileSync(join(runDir, f)).toString('latin1');
      for (const [field, secret] of Object.entries(SECRETS)) {
        for (const form of forms(secret)) if (holds(text, form)) hits.set(f, [...(hits.get(f) ?? []), `${field} (${form})`]);
      }
    }
    const outsideWire = [...hits.keys()].filter((f) => !f.startsWith('bodies/') && f !== 'flows.jsonl');
    expect(outsideWire.map((f) => `${f}: ${hits.get(f)!.join(', ')}`)).toEqual([]);
    // The search works: the app did send the password, and the captured bodies hold it.
    expect([...hits.keys()].some((f) => f.startsWith('bodies/'))).toBe(true);
    expect(JSON.parse(readFileSync(join(runDir, 'run.json'), 'utf8')).persona.secretHashes.secrets.map((s: { field: string }) => s.field)).toContain('password');
    expect(statSync(runDir).mode & 0o777).toBe(0o700);
    for (const f of ['run.json', 'findings.json', 'manifest.json', 'lab-report/lab-report.zh.html']) expect(statSync(join(runDir, f)).mode & 0o077, f).toBe(0);
  }, 240_000);
});
