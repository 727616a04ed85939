import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadCatalogs } from '../../src/core/catalog-loader.ts';
import { SEVERITIES } from '../../src/core/finding.ts';
import type { RuleInput } from '../../src/core/rule.ts';
import { evaluateRules, evaluateRun } from '../../src/rules/engine.ts';
import { RunBuilder } from './helpers.ts';

/** A dating app: over-collects at profile completion, sends a face to a cloud, blocks refuse-optional. */
function datingRun(): RuleInput {
  return new RunBuilder()
    .phase('accept-all', 'register', 'completed', (p) =>
      p
        .consent('privacy-policy', 'accept')
        .send('phone_number')
        .choice('optional', 'education', 'accept')
        .send('education')
        .send('social_insurance')
        .send('face_image', { party: 'third', host: 'api.facecloud.test' }),
    )
    .phase('accept-all', 'delete', 'completed', (p) => p.send('handheld_id_photo'))
    .phase('refuse-optional', 'register', 'blocked', (p) =>
      p.consent('privacy-policy', 'accept').send('phone_number').choice('optional', 'education', 'refuse'),
    )
    .notRun('refuse-optional', 'delete', 'register did not complete')
    .build(loadCatalogs());
}

function shuffled<T>(xs: readonly T[], seed: number): T[] {
  const out = [...xs];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

describe('evaluateRules', () => {
  it('gives the same findings and ids whatever order the evidence lines come in', () => {
    const input = datingRun();
    const first = evaluateRules(input);
    expect(evaluateRules(input)).toEqual(first);
    const reordered = evaluateRules({ ...input, observations: shuffled(input.observations, 7), timeline: shuffled(input.timeline, 3) });
    expect(reordered.findings.map((f) => f.id)).toEqual(first.findings.map((f) => f.id));
  });

  it('sorts findings by severity, then rule', () => {
    const { findings } = evaluateRules(datingRun());
    const ranks = findings.map((f) => SEVERITIES.indexOf(f.severity));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(new Set(findings.map((f) => f.ruleId))).toEqual(
      new Set([
        'over-collection',
        'forced-non-necessary',
        'biometric-upload',
        'biometric-third-party',
        'sensitive-no-separate-consent',
        'undisclosed-third-party',
        'cancellation-demands-more',
      ]),
    );
  });

  it('gives every finding its rule, clauses, evidence and a reasoning line', () => {
    for (const f of evaluateRules(datingRun()).findings) {
      expect(f.clauses.length, f.id).toBeGreaterThan(0);
      expect(f.reasoning.trim(), f.id).not.toBe('');
      expect(f.evidence.flows.length + f.evidence.timeline.length, f.id).toBeGreaterThan(0);
      expect(f.id.startsWith(`${f.ruleId}:`)).toBe(true);
    }
  });
});

describe('evaluateRun', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });

  function writeRun(input: RuleInput): string {
    dir = mkdtempSync(join(tmpdir(), 'privlab-rules-'));
    writeFileSync(join(dir, 'run.json'), JSON.stringify(input.run));
    writeFileSync(join(dir, 'timeline.jsonl'), input.timeline.map((e) => JSON.stringify(e)).join('\n') + '\n');
    writeFileSync(join(dir, 'observations.jsonl'), input.observations.map((o) => JSON.stringify(o)).join('\n') + '\n');
    return dir;
  }

  it('writes findings.json with waived findings kept and marked, and warns about a waiver matching nothing', async () => {
    const runDir = writeRun(datingRun());
    const waivers = join(runDir, 'waivers.yaml');
    writeFileSync(
      waivers,
      [
        '- finding: "over-collection:register:education"',
        '  justification: Education is asked as an optional profile field the reviewer accepts.',
        '  by: reviewer',
        '  date: 2025-06-02',
        '- match: {ruleId: sensitive-over-http}',
        '  justification: stale',
      ].join('\n'),
    );
    const warnings: string[] = [];
    const file = await evaluateRun(runDir, { waiversFile: waivers, onWarning: (m) => warnings.push(m) });
    const onDisk = JSON.parse(readFileSync(join(runDir, 'findings.json'), 'utf8'));
    expect(onDisk).toEqual(file);
    expect(file.runId).toBe('20250601T000000Z_test');
    const waived = file.findings.filter((f) => f.waived);
    expect(waived.map((f) => [f.id, f.waived])).toEqual([
      ['over-collection:register:education', { justification: expect.stringContaining('optional'), by: 'reviewer', date: '2025-06-02' }],
    ]);
    expect(warnings).toEqual([expect.stringContaining('waiver 2')]);
    expect(file.rules).toHaveLength(16);
  });

  it('rejects a bad waiver file naming the file and the problem', async () => {
    const runDir = writeRun(datingRun());
    const waivers = join(runDir, 'bad-waivers.yaml');
    writeFileSync(waivers, '- finding: x\n');
    await expect(evaluateRun(runDir, { waiversFile: waivers })).rejects.toThrow(/bad-waivers\.yaml.*justification/);
  });
});
