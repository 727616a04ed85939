// `privlab init`: a lab folder from templates/lab/ (config, persona, example scenario, .gitignore, CI
// example) and a package.json that depends on privlab. Existing files are never overwritten.

import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { packagePath } from '../core/package-root.ts';
import { PRIVLAB_VERSION } from '../core/version.ts';
import { UserError } from './errors.ts';

const TEMPLATE_DIR = packagePath('templates', 'lab');

export interface InitOptions {
  /** The dependency written for privlab in a new package.json (a version range, a tarball, a git URL). */
  privlabSpec?: string;
}

export interface InitResult {
  dir: string;
  written: string[];
  /** Template files left alone because the folder already had them. */
  kept: string[];
  /** What the lab should fix by hand. */
  warnings: string[];
}

/** npm leaves dotfiles such as .gitignore out of packages, so the templates hold them undotted. */
function targetName(templatePath: string): string {
  return templatePath.replace(/^(gitignore|github)(?=\/|$)/, '.$1');
}

function templateFiles(dir = TEMPLATE_DIR, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? templateFiles(join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`],
  );
}

export function initLab(dirArg: string, opts: InitOptions = {}): InitResult {
  const dir = resolve(dirArg);
  if (existsSync(dir) && !statSync(dir).isDirectory()) throw new UserError(`${dirArg}: is a file, not a folder; give a folder for the lab`);
  mkdirSync(dir, { recursive: true });
  const result: InitResult = { dir, written: [], kept: [], warnings: [] };
  for (const t of templateFiles()) {
    const to = join(dir, targetName(t));
    const rel = relative(dir, to);
    if (existsSync(to)) {
      result.kept.push(rel);
      continue;
    }
    mkdirSync(dirname(to), { recursive: true });
    copyFileSync(join(TEMPLATE_DIR, t), to);
    result.written.push(rel);
  }
  const pkg = writePackageJson(dir, opts.privlabSpec ?? `^${PRIVLAB_VERSION}`, result.warnings);
  (pkg === 'written' ? result.written : result.kept).push('package.json');
  return result;
}

/**
 * A new package.json, or the missing parts added to an existing one (as `npm i privlab` leaves it):
 * ES modules (scenarios use import), privlab as a dependency, and a test script running the example.
 */
function writePackageJson(dir: string, privlabSpec: string, warnings: string[]): 'written' | 'kept' {
  const file = join(dir, 'package.json');
  let pkg: Record<string, unknown> = {};
  if (existsSync(file)) {
    try {
      pkg = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    } catch (e) {
      throw new UserError(`${file}: not valid JSON (${(e as Error).message}); fix it or remove it, then run privlab init again`);
    }
    if (!pkg || typeof pkg !== 'object' || Array.isArray(pkg)) throw new UserError(`${file}: not a JSON object; fix it or remove it`);
  }
  const before = JSON.stringify(pkg);
  const deps = { ...((pkg.dependencies as Record<string, string> | undefined) ?? {}) };
  const devDeps = (pkg.devDependencies as Record<string, string> | undefined) ?? {};
  if (!deps.privlab && !devDeps.privlab) deps.privlab = privlabSpec;
  const scripts = { ...((pkg.scripts as Record<string, string> | undefined) ?? {}) };
  if (!scripts.test || /no test specified/.test(scripts.test)) scripts.test = 'privlab run scenarios/example/scenario.ts';
  const next = {
    name: pkg.name ?? packageName(dir),
    private: pkg.private ?? true,
    type: pkg.type ?? 'module',
    ...pkg,
    scripts,
    dependencies: deps,
  };
  if (next.type !== 'module') warnings.push(`${file} has "type": "${String(next.type)}"; scenarios are ES modules: name them .mts or set "type": "module"`);
  if (JSON.stringify(next) === before) return 'kept';
  writeFileSync(file, `${JSON.stringify(next, null, 2)}\n`);
  return 'written';
}

/** An npm package name from the folder name (lower case, URL-safe). */
function packageName(dir: string): string {
  return basename(dir).toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^[._-]+/, '') || 'privlab-lab';
}
