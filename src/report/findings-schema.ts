// Checks a findings.json against config/schema/findings.schema.json, then the references the
// schema cannot express (evaluations and findings naming rules and findings that exist).

import { readFileSync } from 'node:fs';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { packagePath } from '../core/package-root.ts';
import type { FindingsFile } from '../core/rule.ts';

export const FINDINGS_SCHEMA_FILE = packagePath('config/schema/findings.schema.json');

let validator: ValidateFunction | undefined;

function compiled(): ValidateFunction {
  validator ??= new Ajv({ allErrors: true, strict: true }).compile(JSON.parse(readFileSync(FINDINGS_SCHEMA_FILE, 'utf8')) as object);
  return validator;
}

/** Problems found, each "<json pointer> <what is wrong>"; empty when the file is valid. */
export function validateFindingsFile(obj: unknown): string[] {
  const validate = compiled();
  if (!validate(obj)) return (validate.errors ?? []).slice(0, 20).map(describe);
  const f = obj as FindingsFile;
  const problems: string[] = [];
  const rules = new Set(f.rules.map((r) => r.id));
  const findings = new Set(f.findings.map((x) => x.id));
  if (findings.size !== f.findings.length) problems.push('/findings has duplicate ids');
  f.findings.forEach((x, i) => {
    if (!rules.has(x.ruleId)) problems.push(`/findings/${i}/ruleId "${x.ruleId}" is not in /rules`);
  });
  f.evaluations.forEach((e, i) => {
    if (!rules.has(e.ruleId)) problems.push(`/evaluations/${i}/ruleId "${e.ruleId}" is not in /rules`);
    e.findingIds.forEach((id, j) => {
      if (!findings.has(id)) problems.push(`/evaluations/${i}/findingIds/${j} "${id}" is not in /findings`);
    });
  });
  return problems;
}

function describe(err: ErrorObject): string {
  const at = err.instancePath || '/';
  const p = err.params as Record<string, unknown>;
  if (err.keyword === 'required') return `${at} is missing required field "${String(p.missingProperty)}"`;
  if (err.keyword === 'enum') return `${at} must be one of ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
  return `${at} ${err.message ?? err.keyword}`;
}
