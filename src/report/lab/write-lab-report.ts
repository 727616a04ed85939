// The printable lab report: HTML, and a PDF of it through Chromium.

import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Catalogs } from '../../core/catalog.ts';
import { escapeHtml } from '../html.ts';
import { createRedactor, type RedactOptions } from '../redact.ts';
import { loadReportData } from '../report-data.ts';
import { renderLabHtml } from './render-html.ts';
import { printPdf } from './print-pdf.ts';
import type { Lang } from './strings.ts';

/** Folder inside the run directory (left out of the manifest: it is derived). */
export const LAB_REPORT_DIR = 'lab-report';

export interface LabReportOptions {
  /** zh (default) or en */
  lang?: Lang;
  /** Name of the testing laboratory, for the cover. */
  lab?: string;
  /** Default: <runDir>/lab-report */
  outDir?: string;
  /** Also print a PDF with Chromium (default true). */
  pdf?: boolean;
  redact?: RedactOptions;
  /** Default: the repository's config/ catalogs. */
  catalogs?: Catalogs;
}

export async function writeLabReport(runDir: string, opts: LabReportOptions = {}): Promise<{ html: string; pdf?: string }> {
  const lang = opts.lang ?? 'zh';
  const data = await loadReportData(runDir, opts.catalogs);
  const redactor = createRedactor(data.run.persona, data.observations.values(), opts.redact);
  const outDir = resolve(opts.outDir ?? join(runDir, LAB_REPORT_DIR));
  mkdirSync(outDir, { recursive: true });
  const base = `lab-report.${lang}`;
  const html = join(outDir, `${base}.html`);
  writeFileSync(html, await renderLabHtml(data, redactor, { lang, ...(opts.lab ? { lab: opts.lab } : {}) }));
  if (opts.pdf === false) return { html };
  const footer = escapeHtml(redactor.text(`${data.run.target.name} · ${data.run.id}`));
  const pdf = await printPdf(html, join(outDir, `${base}.pdf`), footer);
  return { html, pdf };
}
