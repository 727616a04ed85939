// The Allure part of the reports: results from a run directory, HTML from results, a local server.
export { writeAllureResults, type AllureResultsOptions } from './write-results.ts';
export { generateAllureHtml, AllureGenerateError, type GenerateOptions } from './generate.ts';
export { historyForRun } from './previous-history.ts';
export { serveReport, type ServedReport } from '../serve.ts';
