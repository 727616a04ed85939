// A template persona under the runner: each variant is given its own values, run.json records them per variant
// (secrets only hashed), and a misspelt placeholder stops the run before it starts.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDirs } from '../temp-dirs.ts';
import { shortRunId } from '../../src/core/persona-template.ts';
import type { RunInfo } from '../../src/core/run.ts';
import type { TimelineEvent } from '../../src/core/timeline.ts';
import { runScenario } from '../../src/runner/run-scenario.ts';
import { fakeDriver, recordingEngine } from './fake-parts.ts';

const tmp = tempDirs('template');

const run = (scenario: string, onProgress?: (l: string) => void) =>
  runScenario({
    scenarioFile: join(import.meta.dirname, 'scenarios', scenario),
    outRoot: tmp(),
    variants: ['accept-all', 'refuse-optional'],
    engine: 'embedded',
    driver: 'playwright',
    parts: { driver: () => fakeDriver(), engine: () => recordingEngine() },
    onProgress,
  });

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)]));
}

describe('template persona in a run', () => {
  it('gives each variant its own values and records them per variant in run.json, secrets hashed', async () => {
    const lines: string[] = [];
    const r = await run('template-persona.ts', (l) => lines.push(l));
    const info = JSON.parse(readFileSync(join(r.runDir, 'run.json'), 'utf8')) as RunInfo;
    const run6 = shortRunId(info.id);
    const timeline = readFileSync(join(r.runDir, 'timeline.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as TimelineEvent);
    const given = timeline.filter((e) => e.type === 'mark' && e.label.startsWith('given ')).map((e) => `${e.variant}: ${(e as { label: string }).label}`);
    expect(given).toEqual([
      `accept-all: given u${run6}1 tester+${run6}-accept-all@example.com`,
      `refuse-optional: given u${run6}2 tester+${run6}-refuse-optional@example.com`,
    ]);
    expect(info.outcomes.filter((o) => o.phase === 'register').map((o) => o.status)).toEqual(['completed', 'completed']);

    // run.json: the template as written, and each variant's expansion.
    expect(info.persona).toMatchObject({ username: 'u{run}{n}', email: 'tester+{run}-{variant}@example.com' });
    expect(Object.keys(info.personaByVariant ?? {})).toEqual(['accept-all', 'refuse-optional']);
    expect(info.personaByVariant?.['refuse-optional']).toMatchObject({ username: `u${run6}2`, phone: `1380${run6}2`, email: `tester+${run6}-refuse-optional@example.com` });
    // The filled fields are named after the variant's own persona fields, never by value.
    const fills = timeline.filter((e) => e.type === 'action' && e.action === 'fill').map((e) => (e as { valueRef?: string }).valueRef);
    expect(fills).toEqual(Array(2).fill(['persona.username', 'persona.email', 'persona.password']).flat());

    // Secrets: hashes per variant, the expanded password nowhere in the run directory in clear.
    for (const p of [info.persona!, ...Object.values(info.personaByVariant!)]) {
      expect(p.password).toBeUndefined();
      expect(p.secretHashes?.secrets.map((s) => s.field)).toEqual(['password']);
    }
    expect(info.personaByVariant!['accept-all']!.secretHashes!.secrets[0]!.forms.plain).not.toBe(info.personaByVariant!['refuse-optional']!.secretHashes!.secrets[0]!.forms.plain);
    for (const f of filesUnder(r.runDir)) {
      const text = readFileSync(f, 'latin1');
      for (const pw of [`pw-${run6}-accept-all`, `pw-${run6}-refuse-optional`, 'pw-{run}-{variant}']) expect(text.includes(pw), `${f} holds ${pw}`).toBe(false);
    }
    // The console says which account each variant registers, the secret by name only.
    expect(lines).toContain(`[accept-all] persona: username=u${run6}1 phone=1380${run6}1 email=tester+${run6}-accept-all@example.com password=(secret)`);
  });

  it('a persona without placeholders is recorded once, as before', async () => {
    const r = await run('steps.ts');
    expect(r.info.persona?.name).toBe('测试');
    expect(r.info.personaByVariant).toBeUndefined();
  });

  it('a misspelt placeholder is an input error naming the scenario and the field, before any run directory', async () => {
    const out = tmp();
    await expect(
      runScenario({
        scenarioFile: join(import.meta.dirname, 'scenarios', 'bad-placeholder.ts'),
        outRoot: out,
        variants: ['accept-all'],
        engine: 'embedded',
        driver: 'playwright',
        parts: { driver: () => fakeDriver(), engine: () => recordingEngine() },
      }),
    ).rejects.toThrow(/bad-placeholder\.ts: persona\.email: unknown placeholder \{varient\}/);
    expect(readdirSync(out)).toEqual([]);
  });
});
