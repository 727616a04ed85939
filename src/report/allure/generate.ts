// Allure HTML from results with allure-commandline (Allure 2, on Java). The history of the previous
// report (a given folder, else the one in the same report folder, else an earlier run's) is carried
// into the results first, so the new report shows the trend.

import { execFile } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readFileSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, dirname, join, resolve } from 'node:path';
import { dieWithParent } from '../../core/child-guard.ts';
import { privlabHome } from '../../core/config-dir.ts';
import { EXECUTOR_FILE } from './executor.ts';
import { historyFolder } from './previous-history.ts';

export interface GenerateOptions {
  /** One index.html with everything inlined: opens from file:// anywhere. */
  singleFile?: boolean;
  /** History to carry on: a previous report's history/ folder, or a report folder holding one. */
  history?: string;
  /** The history of an earlier run of the same app: carried on when neither `history` is given nor the report folder has one of its own; left out when unreadable. */
  earlierHistory?: string;
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
  const given = opts.history;
  const history = given === undefined ? (historyFolder(report) ?? opts.earlierHistory) : historyFolder(given);
  if (given !== undefined && !history) throw new AllureGenerateError(`${resolve(given)}: no Allure history there (history-trend.json, or history/history-trend.json)`);
  numberBuild(results, history ? carryHistory(history, results, given !== undefined) : 0);
  // Made beside the report and swapped in when done: a failed generate keeps the earlier report, and a
  // run reading this one's history (a batch runs one app twice at once) never sees it half-written.
  const staging = `${report}.${process.pid}-${randomUUID().slice(0, 8)}.partial`;
  const args = ['generate', results, '-o', staging, '--clean', ...(opts.singleFile ? ['--single-file'] : [])];
  const env = javaEnv();
  const archive = env.JAVA_OPTS === QUICK_JVM ? classArchive(env) : undefined;
  if (archive) env.JAVA_OPTS = `${QUICK_JVM} ${archive.option}`;
  try {
    await new Promise<void>((ok, fail) => {
      // Allure's java must not outlive a killed privlab.
      const allure = dieWithParent(allureBin(), args);
      execFile(allure.command, allure.args, { timeout: 180_000, maxBuffer: 16 * 1024 * 1024, env }, (err, stdout, stderr) => {
        if (!err) return ok();
        const why = (stderr || stdout || err.message).trim().split('\n').slice(-3).join(' ');
        const hint = (err as NodeJS.ErrnoException).code === 'ENOENT' || /JAVA_HOME|java: not found/.test(why) ? ' (install Java 17: apt-get install openjdk-17-jre-headless)' : '';
        fail(new AllureGenerateError(`allure generate ${results} failed: ${why}${hint}`));
      });
    });
    archive?.keep();
    swapIn(staging, report);
  } finally {
    archive?.discard();
    rmSync(staging, { recursive: true, force: true });
  }
  return report;
}

/** Replaces `report` with the finished `staging` folder; the earlier report is removed only after. */
function swapIn(staging: string, report: string): void {
  const old = `${staging}.old`;
  if (existsSync(report)) renameSync(report, old);
  renameSync(staging, report);
  rmSync(old, { recursive: true, force: true });
}

/**
 * Copies a history folder into the results and returns how many builds its trend holds. Another run's
 * report can be swapped while it is copied (the folder is gone for an instant): such a copy is taken
 * again. A history found on its own (an earlier run's) that stays unreadable is left out; one the user
 * gave is an error naming the file.
 */
function carryHistory(history: string, results: string, given: boolean): number {
  const dest = join(results, 'history');
  const trend = join(history, 'history-trend.json');
  let problem = '';
  for (let attempt = 0; attempt < 3; attempt++) {
    rmSync(dest, { recursive: true, force: true });
    try {
      cpSync(history, dest, { recursive: true });
      const points: unknown = JSON.parse(readFileSync(join(dest, 'history-trend.json'), 'utf8'));
      if (Array.isArray(points)) return points.length;
      problem = 'it is not a JSON list';
    } catch (e) {
      problem = (e as Error).message;
    }
  }
  rmSync(dest, { recursive: true, force: true });
  if (given) throw new AllureGenerateError(`${trend}: not a readable Allure history (${problem}); give --history another report's folder, or leave it out`);
  return 0;
}

/**
 * Allure labels the Trend's points by the executor's build order: this report is one more than the
 * history it carries. The executor itself (name, build name) is written with the results.
 */
function numberBuild(results: string, historyPoints: number): void {
  const file = join(results, EXECUTOR_FILE);
  if (!existsSync(file)) return;
  const executor = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  writeFileSync(file, JSON.stringify({ ...executor, buildOrder: historyPoints + 1 }));
}

/**
 * Allure's generator is a short-lived JVM: with only the quick JIT tier and the serial collector it uses
 * about half the CPU (measured: 2.0 s against 4.2 s user time on a demo app's results). A lab's own
 * JAVA_OPTS win.
 */
const QUICK_JVM = '-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto';

/**
 * Allure's classes in a class-data archive (AppCDS), made by the first report on this machine and mapped by
 * every one after it: the JVM then neither reads nor verifies them again (measured on a demo app's results:
 * 2.2 s -> 1.35 s wall, 2.6 s -> 1.75 s user time; making the archive adds 1.5 s once). It is named after
 * the Allure and Java installs it was made with, so an upgrade makes a new one; a JVM that cannot use an
 * archive ignores it and runs as without. Written under a temporary name and renamed when the report
 * succeeded, so two reports at once never map a half-written file.
 */
function classArchive(env: NodeJS.ProcessEnv): { option: string; keep(): void; discard(): void } | undefined {
  const java = javaBinary(env);
  if (!java) return undefined;
  const bin = allureBin();
  const id = createHash('sha256').update(`${realpathSync(bin)}\0${statSync(bin).mtimeMs}\0${java}\0${statSync(java).mtimeMs}`).digest('hex').slice(0, 16);
  const dir = join(privlabHome(), 'cache');
  const file = join(dir, `allure-classes-${id}.jsa`);
  if (existsSync(file)) return { option: `-XX:SharedArchiveFile=${file}`, keep: () => {}, discard: () => {} };
  mkdirSync(dir, { recursive: true });
  const tmp = `${file}.${process.pid}-${randomUUID()}.tmp`;
  return {
    option: `-XX:ArchiveClassesAtExit=${tmp}`,
    keep: () => {
      if (existsSync(tmp)) renameSync(tmp, file);
    },
    discard: () => rmSync(tmp, { force: true }),
  };
}

/** The java allure's launcher will run (JAVA_HOME's, else the first on PATH), resolved through links. */
function javaBinary(env: NodeJS.ProcessEnv): string | undefined {
  const candidates = env.JAVA_HOME ? [join(env.JAVA_HOME, 'bin', 'java')] : (env.PATH ?? '').split(delimiter).filter(Boolean).map((d) => join(d, 'java'));
  const found = candidates.find((c) => existsSync(c));
  return found && realpathSync(found);
}

/** allure's launcher finds java on PATH or JAVA_HOME; Debian keeps it in /usr/bin. */
function javaEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { JAVA_OPTS: QUICK_JVM, ...process.env };
  if (!env.JAVA_HOME && !/(^|:)\/usr\/bin(:|$)/.test(env.PATH ?? '')) env.PATH = `${env.PATH ?? ''}:/usr/bin`;
  return env;
}
