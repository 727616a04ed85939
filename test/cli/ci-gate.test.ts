// What run and report hand to CI: the exit code of --fail-on counted against --baseline, and the JUnit
// and SARIF files written where asked.

import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ciGate, loadBaseline } from '../../src/cli/ci-gate.ts';
import { EXIT } from '../../src/core/exit-codes.ts';
import type { FindingsFile } from '../../src/core/rule.ts';
import { makeRunDir } from '../report/run-fixture.ts';

describe('ciGate', () => {
  it('fails only on findings new since the baseline, and writes JUnit and SARIF', async () => {
    const { dir } = await makeRunDir();
    const out = mkdtempSync(join(tmpdir(), 'privlab-ci-'));
    const baselineFile = loadBaseline({ baseline: dir })!;
    const lines: string[] = [];
    const same = ciGate(dir, baselineFile, { baselineFile, junit: join(out, 'j.xml'), sarif: join(out, 's.sarif') }, 'info', (l) => lines.push(l));
    expect(same).toBe(EXIT.ok);
    expect(lines[0]).toMatch(/^against baseline: 0 new, 0 resolved, \d+ unchanged/);
    expect(existsSync(join(out, 'j.xml')) && existsSync(join(out, 's.sarif'))).toBe(true);

    const next = structuredClone(baselineFile) as FindingsFile;
    next.findings.push({ ...next.findings[0]!, id: 'over-collection:register:brand_new', severity: 'low', waived: undefined });
    expect(ciGate(dir, next, { baselineFile }, 'low', () => {})).toBe(EXIT.findings);
    expect(ciGate(dir, next, { baselineFile }, 'medium', () => {})).toBe(EXIT.ok);
    expect(ciGate(dir, next, {}, 'medium', () => {})).toBe(EXIT.findings); // without a baseline every finding counts
    expect(readFileSync(join(out, 's.sarif'), 'utf8')).toContain('"baselineState": "unchanged"');
  });

  it('a bad --baseline fails before anything runs, naming the file', () => {
    expect(() => loadBaseline({ baseline: '/nonexistent/findings.json' })).toThrow(/\/nonexistent\/findings\.json: no such file/);
  });
});
