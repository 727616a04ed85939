// A batch plan: a YAML file (schema config/schema/batch-plan.schema.json) or a folder of scenarios, turned
// into run entries with absolute paths and unique names, each the name of its run directory in the store.

import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { Ajv, type ErrorObject } from 'ajv';
import { parse as parseYaml } from 'yaml';
import type { LiveCaptureEngineName } from '../../core/flow.ts';
import { packagePath } from '../../core/package-root.ts';
import { VARIANTS, type VariantName } from '../../core/phase.ts';
import { UserError } from '../errors.ts';

export type BatchEntry =
  | { name: string; kind: 'scenario'; scenario: string; variants: VariantName[] }
  | { name: string; kind: 'har'; har: string; category: string; firstParty: string[] };

/** How each run is made; the same for every entry of a batch. */
export interface RunSettings {
  capture: LiveCaptureEngineName;
  driver: 'playwright' | 'appium';
  pdf: boolean;
  lang: 'zh' | 'en';
}

export interface BatchPlan {
  /** The plan file or folder it came from. */
  source: string;
  /** Run store: <out>/<entry name>/ is each entry's run directory. */
  out: string;
  parallel?: number;
  settings: RunSettings;
  entries: BatchEntry[];
}

interface PlanFile {
  out?: string;
  parallel?: number;
  variants?: VariantName[];
  capture?: RunSettings['capture'];
  driver?: RunSettings['driver'];
  pdf?: boolean;
  lang?: RunSettings['lang'];
  runs: Array<{ name?: string; scenario?: string; variants?: VariantName[]; har?: string; category?: string; firstParty?: string[] }>;
}

export interface FolderOptions {
  /** Category of the HAR files in the folder (a HAR says nothing about it). */
  category?: string;
  firstParty?: string[];
  variants?: VariantName[];
}

const SCHEMA_FILE = packagePath('config/schema/batch-plan.schema.json');

export function loadPlan(input: string, folder: FolderOptions = {}): BatchPlan {
  const path = resolve(input);
  if (!existsSync(path)) throw new UserError(`${input}: no such plan file or folder`);
  return statSync(path).isDirectory() ? planFromFolder(path, folder) : planFromFile(path);
}

function planFromFile(file: string): BatchPlan {
  let data: unknown;
  try {
    data = parseYaml(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new UserError(`${file}: not valid YAML: ${(e as Error).message.split('\n')[0]}`);
  }
  const validate = new Ajv({ allErrors: true }).compile<PlanFile>(JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as object);
  if (!validate(data)) throw new UserError(`${file}: not a batch plan: ${describe(validate.errors?.[0])} (schema: config/schema/batch-plan.schema.json)`);
  const base = dirname(file);
  const variants = data.variants ?? [...VARIANTS];
  const entries = data.runs.map((r, i): BatchEntry => {
    const at = (p: string): string => {
      const abs = resolve(base, p);
      if (!existsSync(abs)) throw new UserError(`${file}: runs[${i}]: ${p} not found (paths are relative to the plan file)`);
      return abs;
    };
    if (r.scenario) {
      const scenario = at(r.scenario);
      return { name: r.name ?? basename(dirname(scenario)), kind: 'scenario', scenario, variants: r.variants ?? variants };
    }
    const har = at(r.har!);
    return { name: r.name ?? basename(har, extname(har)), kind: 'har', har, category: r.category!, firstParty: r.firstParty ?? [] };
  });
  return {
    source: file,
    out: resolve(base, data.out ?? join('reports/batch', basename(file, extname(file)))),
    parallel: data.parallel,
    settings: { capture: data.capture ?? 'embedded', driver: data.driver ?? 'playwright', pdf: data.pdf ?? true, lang: data.lang ?? 'zh' },
    entries: unique(file, entries),
  };
}

/** Every <dir>/<app>/scenario.ts, and every <dir>/*.har when a category is given. */
function planFromFolder(dir: string, o: FolderOptions): BatchPlan {
  const items = readdirSync(dir, { withFileTypes: true });
  const entries: BatchEntry[] = items
    .filter((d) => d.isDirectory() && existsSync(join(dir, d.name, 'scenario.ts')))
    .map((d) => ({ name: d.name, kind: 'scenario', scenario: join(dir, d.name, 'scenario.ts'), variants: o.variants ?? [...VARIANTS] }));
  for (const h of items.filter((d) => d.isFile() && /\.har$/i.test(d.name))) {
    if (!o.category) throw new UserError(`${join(dir, h.name)}: a HAR file says nothing about the app's category; add --category <slug>, or list it in a plan file`);
    entries.push({ name: basename(h.name, extname(h.name)), kind: 'har', har: join(dir, h.name), category: o.category, firstParty: o.firstParty ?? [] });
  }
  if (!entries.length) throw new UserError(`${dir}: no <app>/scenario.ts and no .har file in this folder`);
  return {
    source: dir,
    out: resolve('reports/batch', basename(dir)),
    settings: { capture: 'embedded', driver: 'playwright', pdf: true, lang: 'zh' },
    entries: unique(dir, entries.sort((a, b) => a.name.localeCompare(b.name))),
  };
}

function unique(source: string, entries: BatchEntry[]): BatchEntry[] {
  const seen = new Set<string>();
  for (const e of entries) {
    if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(e.name)) throw new UserError(`${source}: run name "${e.name}" is not usable as a folder name; set name: in the plan`);
    if (seen.has(e.name)) throw new UserError(`${source}: two runs are named "${e.name}"; give one a name: of its own`);
    seen.add(e.name);
  }
  return entries;
}

function describe(err: ErrorObject | undefined): string {
  if (!err) return 'invalid';
  const at = err.instancePath || '(top level)';
  const p = err.params as Record<string, unknown>;
  if (err.keyword === 'additionalProperties') return `${at} has an unknown field "${String(p.additionalProperty)}"`;
  if (err.keyword === 'required') return `${at} is missing "${String(p.missingProperty)}"`;
  if (err.keyword === 'oneOf') return `${at} needs either scenario, or har and category`;
  return `${at} ${err.message ?? err.keyword}`;
}
