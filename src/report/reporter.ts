// A report format is one module: it writes its files into a run directory from that directory alone
// (after analysis, rules and the evidence manifest). src/report/reporters.ts lists them in the order the
// pipeline runs them; adding a format is adding its module there.

import type { ReportSigning } from './lab/cover.ts';
import type { Lang } from './lab/strings.ts';
import type { RedactOptions } from './redact.ts';

/** What every format is told; each reads what concerns it. */
export interface ReportContext {
  /** Replace PI values with keyed hashes in what is written. */
  redact?: RedactOptions;
  lang?: Lang;
  /** Testing laboratory named on the lab report's cover. */
  lab?: string;
  /** Report number scheme, client and signatories (privlab.config.yaml `report`). */
  signing?: ReportSigning;
  /** One self-contained HTML file where a format can make one. */
  singleFile?: boolean;
  /** Allure history to carry on; default the previous run of the same target. */
  history?: string;
  /** Print the lab report to PDF too. */
  pdf: boolean;
  onProgress: (line: string) => void;
}

/** What a format wrote, each file or folder with the label the CLI prints before its path. */
export interface ReportOutput {
  files: Array<{ label: string; path: string }>;
}

export interface Reporter {
  /** Shown in progress and timing lines. */
  readonly name: string;
  write(runDir: string, ctx: ReportContext): Promise<ReportOutput>;
}
