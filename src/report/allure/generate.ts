// Allure HTML from results with allure-commandline (Allure 2, on Java). The history of the previous
// report (a given folder, else the one in the same report folder) is carried into the results
// first, so the new report shows the trend.

import { execFile } from 'node:child_process';
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { dieWithParent } from '../../core/child-guard.ts';
import { EXECUTOR_FILE } from './executor.ts';
import { historyFolder } from './previous-history.ts';

export interface GenerateOptions {
  /** One index.html with everything inlined: opens from file:// anywhere. */
  singleFile?: boolean;
  /** History to carry on: a previous report's history/ folder, or a report folder holding one. */
  history?: string;
}

export class AllureGenerateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AllureGenerateError';
  }
}

export function allureBin(): string {
  const pkg = createRequire(import.meta.url).resolve('allure-commandline/package.json');
  return join(dirname(pkg), 'dist', 'bin', 'allure');
}

/** Returns the report directory (its index.html is the report; with singleFile, the whole report). */
export async function generateAllureHtml(resultsDir: string, reportDir: string, opts: GenerateOptions = {}): Promise<string> {
  const results = resolve(resultsDir);
  const report = resolve(reportDir);
  const history = opts.history === undefined ? historyFolder(report) : historyFolder(opts.history);
  if (opts.history !== undefined && !history) throw new AllureGenerateError(`${resolve(opts.history)}: no Allure history there (history-trend.json, or history/history-trend.json)`);
  if (history) cpSync(history, join(results, 'history'), { recursive: true });
  numberBuild(results, history);
  const args = ['generate', results, '-o', report, '--clean', ...(opts.singleFile ? ['--single-file'] : [])];
  await new Promise<void>((ok, fail) => {
    // Allure's java must not outlive a killed privlab.
    const allure = dieWithParent(allureBin(), args);
    execFile(allure.command, allure.args, { timeout: 180_000, maxBuffer: 16 * 1024 * 1024, env: javaEnv() }, (err, stdout, stderr) => {
      if (!err) return ok();
      const why = (stderr || stdout || err.message).trim().split('\n').slice(-3).join(' ');
      const hint = (err as NodeJS.ErrnoException).code === 'ENOENT' || /JAVA_HOME|java: not found/.test(why) ? ' (install Java 17: apt-get install openjdk-17-jre-headless)' : '';
      fail(new AllureGenerateError(`allure generate ${results} failed: ${why}${hint}`));
    });
  });
  return report;
}

/**
 * Allure labels the Trend's points by the executor's build order: this report is one more than the
 * history it carries. The executor itself (name, build name) is written with the results.
 */
function numberBuild(results: string, history: string | undefined): void {
  const file = join(results, EXECUTOR_FILE);
  if (!existsSync(file)) return;
  const trend = history ? join(history, 'history-trend.json') : undefined;
  const points = trend && existsSync(trend) ? (JSON.parse(readFileSync(trend, 'utf8')) as unknown[]).length : 0;
  const executor = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  writeFileSync(file, JSON.stringify({ ...executor, buildOrder: points + 1 }));
}

/**
 * Allure's generator is a short-lived JVM: with only the quick JIT tier and the serial collector it uses
 * about half the CPU (measured: 2.0 s against 4.2 s user time on a demo app's results). A lab's own
 * JAVA_OPTS win.
 */
const QUICK_JVM = '-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto';

/** allure's launcher finds java on PATH or JAVA_HOME; Debian keeps it in /usr/bin. */
function javaEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { JAVA_OPTS: QUICK_JVM, ...process.env };
  if (!env.JAVA_HOME && !/(^|:)\/usr\/bin(:|$)/.test(env.PATH ?? '')) env.PATH = `${env.PATH ?? ''}:/usr/bin`;
  return env;
}
