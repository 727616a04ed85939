// `privlab summarize`: from run directories alone, the table across runs as JSON, CSV, an HTML page with
// figures and a SQLite store of every observation and finding.

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PRIVLAB_VERSION } from '../../core/version.ts';
import { appRow, categoryRows, type AppRow, type CategoryRow } from './app-summary.ts';
import { collectRun, runDirsOf } from './collect.ts';
import { appsCsv, categoriesCsv } from './csv.ts';
import { summaryHtml } from './html.ts';
import { drawFigures } from './plots.ts';
import { writeSqliteStore } from './sqlite-store.ts';

export const SUMMARY_FILES = {
  json: 'summary.json',
  appsCsv: 'apps.csv',
  categoriesCsv: 'categories.csv',
  html: 'summary.html',
  sqlite: 'runs.sqlite',
} as const;

/** Folder of the figures as SVG files (heat-map.svg, receivers.svg, category-rates.svg). */
export const FIGURES_DIR = 'figures';

/** summary.json (schema: config/schema/summary.schema.json). */
export interface SummaryFile {
  schemaVersion: 1;
  generatedAt: string;
  privlabVersion: string;
  apps: AppRow[];
  categories: CategoryRow[];
}

export interface SummaryResult {
  runs: number;
  files: Record<keyof typeof SUMMARY_FILES, string>;
  /** Milliseconds: reading the run directories, writing the store, drawing the page. */
  timings: { read: number; store: number; html: number; total: number };
}

export async function summarize(inputs: string[], outDir: string, opts: { html?: boolean } = {}): Promise<SummaryResult> {
  const t0 = performance.now();
  const runs = runDirsOf(inputs).map(collectRun);
  const apps = runs.map(appRow);
  const categories = categoryRows(apps);
  const t1 = performance.now();
  mkdirSync(outDir, { recursive: true });
  const files = Object.fromEntries(Object.entries(SUMMARY_FILES).map(([k, f]) => [k, join(outDir, f)])) as SummaryResult['files'];
  const generatedAt = new Date().toISOString();
  const summary: SummaryFile = { schemaVersion: 1, generatedAt, privlabVersion: PRIVLAB_VERSION, apps, categories };
  writeFileSync(files.json, JSON.stringify(summary, null, 2));
  writeFileSync(files.appsCsv, appsCsv(apps));
  writeFileSync(files.categoriesCsv, categoriesCsv(categories));
  writeSqliteStore(files.sqlite, runs, apps);
  const t2 = performance.now();
  if (opts.html !== false) {
    // Each figure also as its own SVG file, for a paper.
    const figures = await drawFigures(apps, categories);
    mkdirSync(join(outDir, FIGURES_DIR), { recursive: true });
    for (const [name, svg] of Object.entries(figures) as Array<[string, string]>) writeFileSync(join(outDir, FIGURES_DIR, `${name}.svg`), svg);
    writeFileSync(files.html, summaryHtml(apps, categories, figures, generatedAt));
  }
  const t3 = performance.now();
  return { runs: runs.length, files, timings: { read: t1 - t0, store: t2 - t1, html: t3 - t2, total: t3 - t0 } };
}
