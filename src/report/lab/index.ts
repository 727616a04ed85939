// The printable lab report (HTML + PDF), Chinese by default.
export { writeLabReport } from './write-lab-report.ts';
export type { ReportSigning } from './cover.ts';
