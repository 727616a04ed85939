// Loads a scenario file and its persona, and says precisely what is wrong with a bad one.

import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { findCategory, loadCatalogs } from '../core/catalog-loader.ts';
import { InputError } from '../core/errors.ts';
import { checkPersonaTemplate } from '../core/persona-template.ts';
import { PHASES } from '../core/phase.ts';
import type { Scenario } from '../core/scenario.ts';
import type { Persona } from '../core/target.ts';
import { importModule } from './import-module.ts';

export class ScenarioError extends InputError {
  constructor(
    override readonly file: string,
    problem: string,
  ) {
    super(`${file}: ${problem}`, file);
  }
}

export interface LoadedScenario {
  file: string;
  scenario: Scenario;
  persona: Persona;
}

export async function loadScenario(file: string): Promise<LoadedScenario> {
  const abs = resolve(file);
  if (!existsSync(abs)) throw new ScenarioError(file, 'no such file');
  let mod: { default?: unknown };
  try {
    mod = await importModule(abs);
  } catch (e) {
    const why = firstLine(e);
    const hint = /require\(\) (of )?ES Module/i.test(why)
      ? ' (scenarios are ES modules: add {"type":"module"} to the package.json of its folder, or name it .mts)'
      : '';
    throw new ScenarioError(file, `cannot be loaded: ${why}${hint}`);
  }
  const scenario = mod.default as Scenario | undefined;
  checkShape(file, scenario);
  try {
    findCategory(loadCatalogs(), scenario.target.category);
  } catch (e) {
    throw new ScenarioError(file, `target.category: ${firstLine(e)}`);
  }
  const persona = loadPersona(file, abs, scenario.persona);
  return { file, scenario, persona };
}

function checkShape(file: string, s: Scenario | undefined): asserts s is Scenario {
  if (!s || typeof s !== 'object') throw new ScenarioError(file, 'has no default export (export default defineScenario({...}))');
  const t = s.target as Partial<Scenario['target']> | undefined;
  if (!t || typeof t !== 'object') throw new ScenarioError(file, 'target is missing');
  for (const key of ['name', 'category', 'platform'] as const) {
    if (typeof t[key] !== 'string' || !t[key]) throw new ScenarioError(file, `target.${key} must be a non-empty string`);
  }
  if (!['web', 'android', 'ios'].includes(t.platform!)) throw new ScenarioError(file, `target.platform must be web, android or ios (got "${t.platform}")`);
  if (!Array.isArray(t.firstParty)) throw new ScenarioError(file, 'target.firstParty must list the app\'s own domains');
  if (t.platform === 'web' && !t.url) throw new ScenarioError(file, 'target.url is required for a web target');
  if (!PHASES.some((p) => typeof s[p] === 'function')) throw new ScenarioError(file, `defines none of the phases ${PHASES.join(', ')}`);
  for (const p of PHASES) {
    if (s[p] !== undefined && typeof s[p] !== 'function') throw new ScenarioError(file, `${p} must be an async function`);
  }
}

const PERSONA_REQUIRED = ['name', 'phone', 'idNumber', 'password'] as const;

/** A persona YAML on its own (privlab analyze --persona): checked as a scenario's persona is. */
export function loadPersonaFile(path: string): Persona {
  const abs = resolve(path);
  return loadPersona(path, abs, basename(abs));
}

function loadPersona(file: string, abs: string, p: Scenario['persona']): Persona {
  if (p === undefined) throw new ScenarioError(file, 'persona is missing (a persona YAML path or an inline persona)');
  let persona: Persona;
  let base = dirname(abs);
  if (typeof p === 'string') {
    const pf = resolve(base, p);
    if (!existsSync(pf)) throw new ScenarioError(file, `persona file ${p} not found`);
    try {
      persona = parseYaml(readFileSync(pf, 'utf8')) as Persona;
    } catch (e) {
      throw new ScenarioError(pf, `is not valid YAML: ${firstLine(e)}`);
    }
    base = dirname(pf);
    file = pf;
  } else {
    persona = { ...p };
  }
  for (const key of PERSONA_REQUIRED) {
    if (typeof persona?.[key] !== 'string' || !persona[key]) throw new ScenarioError(file, `persona.${key} must be a non-empty string`);
  }
  for (const [k, v] of Object.entries(persona)) {
    // YAML turns a bare 13912345678 into a number; values are matched as strings in traffic.
    if (typeof v === 'number') (persona as unknown as Record<string, unknown>)[k] = String(v);
  }
  // A misspelt placeholder fails here, before anything runs, naming the file and field.
  checkPersonaTemplate(persona, file);
  for (const key of ['faceImage', 'idCardFrontImage', 'idCardBackImage'] as const) {
    const image = persona[key];
    if (image) persona[key] = resolve(base, image);
  }
  return persona;
}

function firstLine(e: unknown): string {
  return ((e as Error)?.message ?? String(e)).split('\n')[0] ?? '';
}
