// The printable lab report: HTML, and a PDF of it through Chromium.

import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Catalogs } from '../../core/catalog.ts';
import { runPersonas } from '../../core/run.ts';
import { escapeHtml } from '../html.ts';
import { createRedactor, type RedactOptions } from '../redact.ts';
import { loadReportData } from '../report-data.ts';
import type { ReportSigning } from './cover.ts';
import { renderLabHtml } from './render-html.ts';
import { reportNumber } from './report-number.ts';
import { printPdf } from './print-pdf.ts';
import { STRINGS, type Lang } from './strings.ts';

/** Folder inside the run directory (left out of the manifest: it is derived). */
export const LAB_REPORT_DIR = 'lab-report';

export interface LabReportOptions {
  /** zh (default) or en */
  lang?: Lang;
  /** Name of the testing laboratory, for the cover. */
  lab?: string;
  /** Report number scheme, client and signatories (privlab.config.yaml `report`). */
  signing?: ReportSigning;
  /** Default: <runDir>/lab-report */
  outDir?: string;
  /** Also print a PDF with Chromium (default true). */
  pdf?: boolean;
  redact?: RedactOptions;
  /** Default: the repository's config/ catalogs. */
  catalogs?: Catalogs;
}

export async function writeLabReport(runDir: string, opts: LabReportOptions = {}): Promise<{ html: string; pdf?: string; reportNo: string }> {
  const lang = opts.lang ?? 'zh';
  const data = await loadReportData(runDir, opts.catalogs);
  const redactor = createRedactor(runPersonas(data.run), data.observations.values(), opts.redact, data.catalogs);
  const outDir = resolve(opts.outDir ?? join(runDir, LAB_REPORT_DIR));
  mkdirSync(outDir, { recursive: true });
  const base = `lab-report.${lang}`;
  const html = join(outDir, `${base}.html`);
  const signing = opts.signing ?? {};
  const reportNo = reportNumber(data.run, signing.number);
  writeFileSync(html, await renderLabHtml(data, redactor, { lang, reportNo, signing, ...(opts.lab ? { lab: opts.lab } : {}) }));
  if (opts.pdf === false) return { html, reportNo };
  const pdf = await printPdf(html, join(outDir, `${base}.pdf`), STRINGS[lang].footer(escapeHtml(redactor.text(reportNo))));
  return { html, pdf, reportNo };
}
