// Reads a findings.json given as itself or as the run directory that holds it, checked against its schema.

import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../core/errors.ts';
import type { FindingsFile } from '../core/rule.ts';
import { RUN_FILES } from '../evidence/run-layout.ts';
import { validateFindingsFile } from './findings-schema.ts';

/** A findings file that cannot be used; the message names the file and the problem. */
export class FindingsInputError extends InputError {
  constructor(
    override readonly file: string,
    problem: string,
  ) {
    super(`${file}: ${problem}`, file);
  }
}

export function findingsPathOf(input: string): string {
  if (!existsSync(input)) throw new FindingsInputError(input, 'no such file or directory; give a run directory or a findings.json');
  if (!statSync(input).isDirectory()) return input;
  const file = join(input, RUN_FILES.findings);
  if (!existsSync(file)) throw new FindingsInputError(input, `no ${RUN_FILES.findings} in this folder; run privlab report on it first`);
  return file;
}

export function readFindingsFile(input: string): FindingsFile {
  const file = findingsPathOf(input);
  let obj: unknown;
  try {
    obj = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new FindingsInputError(file, `not valid JSON (${(e as Error).message})`);
  }
  const problems = validateFindingsFile(obj);
  if (problems.length) throw new FindingsInputError(file, `not a findings file of this privlab version: ${problems.slice(0, 3).join('; ')}`);
  return obj as FindingsFile;
}
