// Allure HTML from results with allure-commandline (Allure 2, on Java). The history of the previous
// report in the same folder is carried into the results first, so the new report shows the trend.

import { execFile } from 'node:child_process';
import { cpSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { dieWithParent } from '../../core/child-guard.ts';

export interface GenerateOptions {
  /** One index.html with everything inlined: opens from file:// anywhere. */
  singleFile?: boolean;
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
  const history = join(report, 'history');
  if (existsSync(history)) cpSync(history, join(results, 'history'), { recursive: true });
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

/** allure's launcher finds java on PATH or JAVA_HOME; Debian keeps it in /usr/bin. */
function javaEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  if (!env.JAVA_HOME && !/(^|:)\/usr\/bin(:|$)/.test(env.PATH ?? '')) env.PATH = `${env.PATH ?? ''}:/usr/bin`;
  return env;
}
