// Runs every rule over a run's evidence and writes findings.json into the run directory.

import { writeFileSync } from 'node:fs';
import { loadCatalogs } from '../core/catalog-loader.ts';
import { SEVERITIES, type Finding, type VariantFinding } from '../core/finding.ts';
import type { Observation } from '../core/observation.ts';
import { PHASES, VARIANTS } from '../core/phase.ts';
import type { FindingsFile, RuleEvaluation, RuleInput, RuleMeta } from '../core/rule.ts';
import { PRIVLAB_VERSION } from '../core/version.ts';
import { readJsonLines, RunReader } from '../evidence/run-reader.ts';
import { RUN_FILES } from '../evidence/run-layout.ts';
import { appObservations } from './app-observations.ts';
import { RULES } from './index.ts';
import { mergeVariants } from './merge-variants.ts';
import { applyWaivers, loadWaivers } from './waivers.ts';

const ruleOrder = new Map(RULES.map((r, i) => [r.meta.id, i]));
const phaseOrder = (p: string | null) => (p === null ? -1 : PHASES.indexOf(p as (typeof PHASES)[number]));
const variantOrder = (v: string | null) => (v === null ? -1 : VARIANTS.indexOf(v as (typeof VARIANTS)[number]));

/** Most severe first, then in RULES order, then by phase, first variant and id: the same input gives the same file. */
function compareFindings(a: Finding, b: Finding): number {
  return (
    SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) ||
    (ruleOrder.get(a.ruleId) ?? 0) - (ruleOrder.get(b.ruleId) ?? 0) ||
    phaseOrder(a.phase) - phaseOrder(b.phase) ||
    variantOrder(a.variants[0] ?? null) - variantOrder(b.variants[0] ?? null) ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

function compareEvaluations(a: RuleEvaluation, b: RuleEvaluation): number {
  return (
    (ruleOrder.get(a.ruleId) ?? 0) - (ruleOrder.get(b.ruleId) ?? 0) ||
    phaseOrder(a.phase) - phaseOrder(b.phase) ||
    variantOrder(a.variant) - variantOrder(b.variant)
  );
}

/** Runs every rule on what the app sent in evidence phases, and merges each fact across variants. */
export function evaluateRules(input: Omit<RuleInput, 'observations'> & { observations: readonly Observation[] }): {
  rules: RuleMeta[];
  evaluations: RuleEvaluation[];
  findings: Finding[];
} {
  const ruleInput: RuleInput = { ...input, observations: appObservations(input.run, input.observations) };
  const perVariant: VariantFinding[] = [];
  const evaluations: RuleEvaluation[] = [];
  for (const rule of RULES) {
    const out = rule.evaluate(ruleInput);
    const seen = new Set<string>();
    for (const f of out.findings) {
      // Ids are what waivers and reports point at: one rule giving one id twice in a variant is a rule bug.
      const key = `${f.id}|${f.variant ?? '-'}`;
      if (seen.has(key)) throw new Error(`rule ${f.ruleId} produced the finding id ${f.id} twice in variant ${f.variant ?? '-'}`);
      seen.add(key);
    }
    perVariant.push(...out.findings);
    evaluations.push(...out.evaluations);
  }
  return {
    rules: RULES.map((r) => r.meta),
    evaluations: evaluations.sort(compareEvaluations),
    findings: mergeVariants(perVariant, evaluations).sort(compareFindings),
  };
}

export interface EvaluateRunOptions {
  /** A reviewer's waiver file (YAML, config/schema/waivers.schema.json). */
  waiversFile?: string;
  /** Catalog directory (default: the repository's config/). */
  configDir?: string;
  /** Where warnings go (a waiver that matches nothing); default stderr. */
  onWarning?: (message: string) => void;
}

/** Reads run.json, timeline.jsonl and observations.jsonl, runs the rules, applies waivers, writes findings.json. */
export async function evaluateRun(runDir: string, opts: EvaluateRunOptions = {}): Promise<FindingsFile> {
  const reader = new RunReader(runDir);
  const run = reader.info();
  const timeline = await reader.timelineArray();
  const observations: Observation[] = [];
  for await (const o of readJsonLines<Observation>(reader.path(RUN_FILES.observations))) observations.push(o);
  const catalogs = loadCatalogs(opts.configDir);

  const result = evaluateRules({ run, timeline, observations, catalogs });
  let findings = result.findings;
  if (opts.waiversFile) {
    const applied = applyWaivers(findings, loadWaivers(opts.waiversFile), opts.waiversFile);
    findings = applied.findings;
    const warn = opts.onWarning ?? ((m: string) => process.stderr.write(`privlab: warning: ${m}\n`));
    applied.warnings.forEach(warn);
  }

  const file: FindingsFile = {
    schemaVersion: 1,
    runId: run.id,
    target: {
      name: run.target.name,
      ...(run.target.version ? { version: run.target.version } : {}),
      category: run.target.category,
      platform: run.target.platform,
    },
    generatedAt: new Date().toISOString(),
    privlabVersion: PRIVLAB_VERSION,
    complete: run.complete,
    outcomes: run.outcomes,
    rules: result.rules,
    evaluations: result.evaluations,
    findings,
  };
  writeFileSync(reader.path(RUN_FILES.findings), JSON.stringify(file, null, 2) + '\n');
  return file;
}
