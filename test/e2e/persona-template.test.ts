// A template persona in real Chromium through the real proxy: two variants register two fresh accounts on a
// server that refuses a reused one, run.json records each variant's values, analysis finds each variant's own
// e-mail (base64, at a tracker) and user name in that variant's flows, and the expanded passwords are in clear
// only in the captured wire data.

import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeRun } from '../../src/analysis/analyze-run.ts';
import type { Observation } from '../../src/core/observation.ts';
import { shortRunId } from '../../src/core/persona-template.ts';
import type { RunInfo } from '../../src/core/run.ts';
import { runScenario } from '../../src/runner/run-scenario.ts';

function files(dir: string, rel = ''): string[] {
  return readdirSync(join(dir, rel)).flatMap((n) => {
    const r = rel ? `${rel}/${n}` : n;
    return statSync(join(dir, r)).isDirectory() ? files(dir, r) : [r];
  });
}

describe('template persona in a real run', () => {
  it('each variant registers its own account, and analysis finds its own values in its flows', async () => {
    process.env.PRIVLAB_HOME ??= mkdtempSync(join(tmpdir(), 'privlab-home-'));
    const file = new URL('./persona-template/scenario.ts', import.meta.url).pathname;
    const { signups, beacons } = (await import(file)) as typeof import('./persona-template/scenario.ts');
    const outDir = join(mkdtempSync(join(tmpdir(), 'privlab-template-e2e-')), 'run');
    await runScenario({ scenarioFile: file, outRoot: tmpdir(), outDir, variants: ['accept-all', 'refuse-policy'], engine: 'embedded', driver: 'playwright' });
    const info = JSON.parse(readFileSync(join(outDir, 'run.json'), 'utf8')) as RunInfo;
    expect(info.outcomes.filter((o) => o.phase === 'register').map((o) => `${o.variant} ${o.status} ${o.message ?? ''}`.trim())).toEqual(['accept-all completed', 'refuse-policy completed']);

    const run6 = shortRunId(info.id);
    expect(signups).toEqual([
      { user: `tp${run6}1`, email: `tp+${run6}-accept-all@tmpl.test`, password: `Pw-${run6}-accept-all!` },
      { user: `tp${run6}4`, email: `tp+${run6}-refuse-policy@tmpl.test`, password: `Pw-${run6}-refuse-policy!` },
    ]);
    expect(beacons).toHaveLength(2);
    for (const s of signups) {
      const v = s.email.includes('accept-all') ? 'accept-all' : 'refuse-policy';
      expect(info.personaByVariant?.[v]).toMatchObject({ username: s.user, email: s.email });
    }

    await analyzeRun(outDir, { workers: 0 });
    const persona = readFileSync(join(outDir, 'observations.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Observation)
      .filter((o) => o.detector.startsWith('persona:') && o.direction === 'request' && ['email', 'account_id'].includes(o.piType))
      .map((o) => `${o.variant} ${o.party.host} ${o.piType} ${o.value} ${o.detector}`);
    for (const [i, v] of (['accept-all', 'refuse-policy'] as const).entries()) {
      const s = signups[i]!;
      expect(persona).toContain(`${v} t.tracker.test email ${Buffer.from(s.email).toString('base64')} persona:base64`);
      expect(persona).toContain(`${v} www.tmpl.test email ${s.email} persona:plain`);
      expect(persona).toContain(`${v} www.tmpl.test account_id ${s.user} persona:plain`);
    }
    // No variant's flows are credited with the other's values.
    expect(persona.filter((l) => l.startsWith('accept-all') && l.includes('refuse-policy'))).toEqual([]);
    expect(persona.filter((l) => l.startsWith('refuse-policy') && l.includes('accept-all'))).toEqual([]);

    // The expanded passwords: in the captured wire data (what the app was sent), nowhere else.
    // (As typed, and as the browser's form encoding sends it: "!" as %21.) A trace holds typed values, as before.
    const forms = signups.flatMap((x) => [x.password, new URLSearchParams({ p: x.password }).toString().slice(2)]);
    const holding = files(outDir).filter((f) => !f.startsWith('screenshots/') && !f.startsWith('traces/'))
      .filter((f) => forms.some((pw) => readFileSync(join(outDir, f), 'latin1').includes(pw)));
    expect(holding.some((f) => f.startsWith('bodies/'))).toBe(true);
    expect(holding.filter((f) => !f.startsWith('bodies/') && f !== 'flows.jsonl')).toEqual([]);
  }, 300_000);
});
