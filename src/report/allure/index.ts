// The Allure part of the reports: results from a run directory, HTML from results, a local server.
export { writeAllureResults } from './write-results.ts';
export { generateAllureHtml } from './generate.ts';
export { previousRunHistory } from './previous-history.ts';
export { serveReport, type ServedReport } from '../serve.ts';
