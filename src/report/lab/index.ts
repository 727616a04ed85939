// The printable lab report (HTML + PDF), Chinese by default.
export { writeLabReport, LAB_REPORT_DIR, type LabReportOptions } from './write-lab-report.ts';
export type { Lang } from './strings.ts';
export type { ReportSigning } from './cover.ts';
