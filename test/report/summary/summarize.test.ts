// The table across runs, from run directories alone: per-app rows, category rates, CSV, JSON against its
// schema, the SQLite store answering SQL, and the HTML page's figures.

import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import Database from 'better-sqlite3';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RunInfo } from '../../../src/core/run.ts';
import { summarize, type SummaryFile, type SummaryResult } from '../../../src/report/summary/summarize.ts';
import { makeRunDir } from '../run-fixture.ts';

let store: string;
let result: SummaryResult;
let summary: SummaryFile;

beforeAll(async () => {
  // A run store of three runs: the fixture (LoveLink), a copy in another category, and a copy never analysed.
  const { dir } = await makeRunDir();
  store = mkdtempSync(join(tmpdir(), 'privlab-summary-'));
  cpSync(dir, join(store, 'lovelink'), { recursive: true });
  cpSync(dir, join(store, 'other'), { recursive: true });
  const info = JSON.parse(readFileSync(join(store, 'other', 'run.json'), 'utf8')) as RunInfo;
  info.target = { ...info.target, name: 'Other', category: 'online_community' };
  writeFileSync(join(store, 'other', 'run.json'), JSON.stringify(info));
  cpSync(dir, join(store, 'unanalysed'), { recursive: true });
  rmSync(join(store, 'unanalysed', 'findings.json'));
  result = await summarize([store], join(store, 'summary'));
  summary = JSON.parse(readFileSync(result.files.json, 'utf8')) as SummaryFile;
});

describe('privlab summarize', () => {
  it('finds every run directory of a store and writes one row per app', () => {
    expect(result.runs).toBe(3);
    const lovelink = summary.apps.find((a) => a.runDir.endsWith('/lovelink'))!;
    expect(lovelink.piTypesBeyondBaseline).toEqual(['education', 'social_insurance', 'tax_record']);
    expect(lovelink.biometricUploads).toBe(1);
    expect(lovelink.biometricReceivers).toEqual(['FaceCloud Inc.']);
    expect(lovelink.thirdParties).toContain('FaceCloud Inc.');
    expect(lovelink.cancellation).toBe('violated');
    expect(lovelink.cancellationProblems).toEqual(['cancellation-demands-more']);
    expect(lovelink.faceOnly).toBe('not-tested'); // no face-only rule was evaluated in this run
    const unanalysed = summary.apps.find((a) => a.runDir.endsWith('/unanalysed'))!;
    expect(unanalysed.analysed).toBe(false);
    expect(unanalysed.cancellation).toBe('not-tested');
  });

  it('counts rates over analysed apps, and check rates over the apps tested for them', () => {
    const dating = summary.categories.find((c) => c.category === 'marriage_dating')!;
    expect(dating).toMatchObject({ apps: 2, analysed: 1 });
    expect(dating.rates).toMatchObject({ beyondBaseline: 1, biometricUpload: 1, faceOnly: 0, cancellationProblem: 1 });
    // face only was tested in no app: its rate has no denominator, and the count says so
    expect(dating.tested).toEqual({ faceOnly: 0, forcedConsent: 0, cancellation: 1 });
    expect(summary.categories.map((c) => c.category)).toEqual(['marriage_dating', 'online_community']);
  });

  it('summary.json follows its schema', () => {
    const schema = JSON.parse(readFileSync(join(import.meta.dirname, '../../../config/schema/summary.schema.json'), 'utf8')) as object;
    const validate = new Ajv({ allErrors: true }).compile(schema);
    expect(validate(summary), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ ...summary, apps: [{ ...summary.apps[0], faceOnly: 'maybe' }] })).toBe(false);
  });

  it('apps.csv and categories.csv hold the same rows', () => {
    const apps = parse(readFileSync(result.files.appsCsv, 'utf8'), { columns: true }) as Array<Record<string, string>>;
    expect(apps).toHaveLength(3);
    const lovelink = apps.find((a) => a.run_dir!.endsWith('/lovelink'))!;
    expect(lovelink.pi_types_beyond_baseline).toBe('education; social_insurance; tax_record');
    expect(lovelink.findings_critical).toBe('1');
    const cats = parse(readFileSync(result.files.categoriesCsv, 'utf8'), { columns: true }) as Array<Record<string, string>>;
    expect(cats.find((c) => c.category === 'marriage_dating')!.biometric_upload_rate).toBe('1');
  });

  it('the SQLite store answers questions no table asked', () => {
    const db = new Database(result.files.sqlite, { readonly: true });
    try {
      const observations = readFileSync(join(store, 'lovelink', 'observations.jsonl'), 'utf8').trim().split('\n').length;
      expect(db.prepare('SELECT count(*) n FROM observations').get()).toEqual({ n: 3 * observations });
      const faces = db.prepare("SELECT DISTINCT r.app FROM findings f JOIN runs r USING (run_dir) WHERE f.kind = 'biometric-upload' ORDER BY 1").all();
      expect(faces).toEqual([{ app: 'LoveLink' }, { app: 'Other' }]); // the unanalysed run has no findings rows
      const held = db.prepare("SELECT count(*) n FROM finding_variants WHERE held = 1 AND variant = 'accept-all'").get() as { n: number };
      expect(held.n).toBeGreaterThan(0);
      const viaJson = db.prepare("SELECT count(*) n FROM apps, json_each(apps.pi_types_beyond_baseline) WHERE json_each.value = 'education'").get();
      expect(viaJson).toEqual({ n: 2 });
    } finally {
      db.close();
    }
  });

  it('the HTML page carries the three figures inline, with no outside resource', () => {
    const html = readFileSync(result.files.html, 'utf8');
    for (const id of ['heat-map', 'receivers', 'category-rates']) expect(html).toMatch(new RegExp(`<figure id="${id}"><svg`));
    expect(html).not.toMatch(/<script|<link|src="http/);
    expect(html).toContain('education');
    for (const f of ['heat-map', 'receivers', 'category-rates']) expect(readFileSync(join(store, 'summary', 'figures', `${f}.svg`), 'utf8')).toMatch(/^<svg /);
  });

  it('names the folder that holds no run', () => {
    const empty = mkdtempSync(join(tmpdir(), 'privlab-empty-'));
    return expect(summarize([empty], join(empty, 'out'))).rejects.toThrow(`${empty}: holds no run directory`);
  });
});
