// File names inside a run directory (the contract between stages, see DESIGN.md).

export const RUN_FILES = {
  run: 'run.json',
  timeline: 'timeline.jsonl',
  flows: 'flows.jsonl',
  bodies: 'bodies',
  screenshots: 'screenshots',
  observations: 'observations.jsonl',
  findings: 'findings.json',
  manifest: 'manifest.json',
  allureResults: 'allure-results',
  allureReport: 'allure-report',
  har: 'capture.har',
  traces: 'traces',
} as const;

/** A variant's Playwright trace (npx playwright show-trace <file>), relative to the run directory. */
export function traceFile(variant: string): string {
  return `${RUN_FILES.traces}/${variant}.zip`;
}

/** <timestamp with milliseconds>_<target>, safe as a directory name (RunWriter.createUnique adds -2... on a clash). */
export function runId(targetName: string, at = new Date()): string {
  const stamp = at.toISOString().replace(/[-:]/g, '').replace(/\.(\d+)Z$/, '.$1Z');
  const slug = targetName.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'target';
  return `${stamp}_${slug}`;
}
