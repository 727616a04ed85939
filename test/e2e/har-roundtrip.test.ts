// A HAR exported by privlab from a demo run, re-imported by `privlab analyze`, gives the same
// flow-based findings; a truncated or malformed HAR is refused with the file and the position.

import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureAnalysed } from '../../src/cli/pipeline.ts';
import { exportHar } from '../../src/evidence/har-export.ts';
import { runChild } from '../live/child.ts';

const BIN = new URL('../../bin/privlab.mjs', import.meta.url).pathname;

/**
 * Rules that read only the flows and the target's category, first party and declarations. A HAR cannot
 * carry the rest, so their findings do not survive it: the timeline (consent moments:
 * collection-before-consent, biometric-no-separate-consent), phase outcomes per variant (over-collection
 * and cancellation-* evaluate only phases run.json says ran; forced-non-necessary, face-only and
 * variant-contrast compare variants) and the persona (values matched in traffic).
 */
const FLOW_ONLY_RULES = ['biometric-upload', 'biometric-third-party', 'undisclosed-third-party', 'sensitive-over-http'];

const root = mkdtempSync(join(tmpdir(), 'privlab-har-'));
const env = { PRIVLAB_HOME: join(root, 'home') };
const runDir = join(root, 'run');
const har = join(root, 'capture.har');

beforeAll(async () => {
  const run = await runChild(BIN, ['run', 'scenarios/demo/lovelink/scenario.ts', '--out', runDir, '--variants', 'accept-all', '--no-report'], env);
  expect(run.code, run.err).toBe(0);
  await exportHar(runDir, { out: har });
});

const flowOnlyIds = (ids: string[]): string[] => ids.filter((id) => FLOW_ONLY_RULES.includes(id.split(':')[0]!)).sort();

describe('HAR round trip', () => {
  it('re-imported by privlab analyze, it gives the same flow-based findings as the original run', async () => {
    const original = await ensureAnalysed(runDir);
    const out = join(root, 'imported');
    const r = await runChild(BIN, ['analyze', har, '--category', 'marriage_dating', '--first-party', 'lovelink.test', '--out', out], env);
    expect(r.code, r.err).toBe(0);
    const [importedDir] = readdirSync(out);
    const imported = await ensureAnalysed(join(out, importedDir!));

    const expected = flowOnlyIds(original.findings.map((f) => f.id));
    expect(expected.length).toBeGreaterThan(0);
    expect(flowOnlyIds(imported.findings.map((f) => f.id))).toEqual(expected);
  });

  it('a truncated HAR is refused with the file and the position', async () => {
    const cut = join(root, 'truncated.har');
    writeFileSync(cut, readFileSync(har).subarray(0, 30_000));
    const r = await runChild(BIN, ['analyze', cut, '--category', 'marriage_dating', '--out', join(root, 'cut')], env);
    expect(r.code).not.toBe(0);
    expect(r.err).toContain(cut);
    expect(r.err).toMatch(/truncated/);
    expect(r.err).toMatch(/at byte 30000 \(line \d+, column \d+\)/);
  });

  it('a malformed HAR is refused with the file and the position', async () => {
    const text = readFileSync(har, 'utf8');
    const at = text.indexOf('"response":');
    const bad = join(root, 'malformed.har');
    writeFileSync(bad, `${text.slice(0, at)}"response" ${text.slice(at + '"response":'.length)}`);
    const r = await runChild(BIN, ['analyze', bad, '--category', 'marriage_dating', '--out', join(root, 'bad')], env);
    expect(r.code).not.toBe(0);
    expect(r.err).toContain(bad);
    expect(r.err).toMatch(/expected ':'.* at byte \d+ \(line \d+, column \d+\)/);
  });
});
