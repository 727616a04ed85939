// The printable lab report as a report format: HTML, and its PDF unless told otherwise.

import type { Reporter } from '../reporter.ts';
import { writeLabReport } from './write-lab-report.ts';

export const labReporter: Reporter = {
  name: 'lab report',
  async write(runDir, ctx) {
    ctx.onProgress('report: writing the lab report');
    const r = await writeLabReport(runDir, { lang: ctx.lang, lab: ctx.lab, signing: ctx.signing, pdf: ctx.pdf, redact: ctx.redact });
    return { files: [{ label: 'lab report', path: r.html }, ...(r.pdf ? [{ label: 'lab report PDF', path: r.pdf }] : [])] };
  },
};
