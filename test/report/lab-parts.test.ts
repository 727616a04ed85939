// The small parts the lab report and Allure build on: values cut with their length and hash, marks kept
// whole in cut lines, the report number scheme, and which earlier report's history a run carries on.

import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunInfo } from '../../src/core/run.ts';
import { previousRunHistory } from '../../src/report/allure/previous-history.ts';
import { cutLongTokens, cutValue } from '../../src/report/cut-value.ts';
import { compactMarked } from '../../src/report/lab/decisive-evidence.ts';
import { reportNumber } from '../../src/report/lab/report-number.ts';

describe('cut values', () => {
  it('keeps short values, cuts long ones with length and hash', () => {
    expect(cutValue('13800138000')).toBe('13800138000');
    const b64 = 'A'.repeat(50_000);
    const cut = cutValue(b64);
    expect(cut.length).toBeLessThan(140);
    expect(cut).toMatch(/^A{44}…A{16} \(50000 chars, sha256 [0-9a-f]{12}…\)$/);
    expect(cutLongTokens(`{"photo":"${b64}","name":"张三"}`)).toMatch(/^\{"photo":"A{44}…A{16} \(50000 chars, sha256 [0-9a-f]{12}…\)","name":"张三"\}$/);
  });

  it('cuts inside and outside marks without losing a mark', () => {
    const line = `img=${'x'.repeat(500)}&phone=⟦13800138000⟧&face=⟦${'B'.repeat(3000)}⟧`;
    const out = compactMarked(line);
    expect(out.match(/⟦/g)).toHaveLength(2);
    expect(out.match(/⟧/g)).toHaveLength(2);
    expect(out).toContain('⟦13800138000⟧');
    expect(out).toMatch(/⟦B{44}…B{16} \(3000 chars, sha256 [0-9a-f]{12}…\)⟧$/);
    expect(out.length).toBeLessThan(300);
  });
});

const run = (id: string, name: string, startedAt: string): Pick<RunInfo, 'id' | 'target' | 'startedAt'> => ({
  id,
  startedAt,
  target: { name, category: 'marriage_dating', platform: 'web', url: 'https://x.test/', firstParty: ['x.test'] },
});

describe('report number', () => {
  it('fills the scheme from the run, the same number for the same run', () => {
    const r = { ...run('20261202T043305Z_LoveLink', 'Love Link', '2026-12-02T04:33:05.000Z') } as RunInfo;
    expect(reportNumber(r, 'SZ-{yyyy}{mm}{dd}-{app}-{category}')).toBe('SZ-20261202-LOVELINK-marriage_dating');
    expect(reportNumber(r)).toMatch(/^PL-20261202-[0-9A-F]{6}$/);
    expect(reportNumber(r)).toBe(reportNumber(r));
    expect(reportNumber({ ...r, id: 'other' })).not.toBe(reportNumber(r));
  });
});

describe('history of the previous run', () => {
  it('is that of the latest earlier run of the same target in the out-root', () => {
    const root = mkdtempSync(join(tmpdir(), 'privlab-hist-'));
    const put = (dir: string, info: ReturnType<typeof run>, withHistory: boolean): string => {
      mkdirSync(join(root, dir, 'allure-report', 'history'), { recursive: true });
      writeFileSync(join(root, dir, 'run.json'), JSON.stringify(info));
      if (withHistory) writeFileSync(join(root, dir, 'allure-report', 'history', 'history-trend.json'), '[]');
      return join(root, dir, 'allure-report', 'history');
    };
    put('a', run('a', 'LoveLink', '2026-12-01T00:00:00Z'), true);
    const b = put('b', run('b', 'LoveLink', '2026-12-02T00:00:00Z'), true);
    put('c', run('c', 'XianQu', '2026-12-02T12:00:00Z'), true);
    put('d', run('d', 'LoveLink', '2026-12-02T18:00:00Z'), false);
    put('e', run('e', 'LoveLink', '2026-12-04T00:00:00Z'), true);
    mkdirSync(join(root, 'not-a-run'));
    put('now', run('now', 'LoveLink', '2026-12-03T00:00:00Z'), false);
    expect(previousRunHistory(join(root, 'now'))).toBe(b);
    expect(previousRunHistory(join(root, 'a'))).toBeUndefined();
  });
});
