// The printable lab report (HTML + PDF), Chinese by default.
export { writeLabReport, LAB_REPORT_DIR, type LabReportOptions } from './write-lab-report.ts';
export type { Lang } from './strings.ts';
export type { ReportSigning, Signatory } from './cover.ts';
export { DEFAULT_REPORT_NUMBER, REPORT_NUMBER_FIELDS } from './report-number.ts';
