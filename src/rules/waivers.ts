// A reviewer's waiver file: findings accepted with a justification. Waived findings stay in findings.json.

import { existsSync } from 'node:fs';
import { loadCatalogFile } from '../core/catalog-loader.ts';
import { InputError } from '../core/errors.ts';
import type { Finding } from '../core/finding.ts';
import { packagePath } from '../core/package-root.ts';
import type { PhaseName, VariantName } from '../core/phase.ts';

export interface WaiverMatch {
  ruleId: string;
  phase?: PhaseName;
  variant?: VariantName;
  piType?: string;
  host?: string;
}

export interface Waiver {
  /** A finding id, or a match over findings: exactly one of the two. */
  finding?: string;
  match?: WaiverMatch;
  justification: string;
  by?: string;
  date?: string;
}

export class WaiverFileError extends InputError {
  constructor(
    message: string,
    override readonly file: string,
  ) {
    super(message, file);
  }
}

const SCHEMA = packagePath('config/schema/waivers.schema.json');

/** Reads and validates a waiver file; errors name the file, the place and the problem. */
export function loadWaivers(file: string): Waiver[] {
  if (!existsSync(file)) {
    throw new WaiverFileError(`${file}: waiver file not found; check the path given to --waivers`, file);
  }
  try {
    return loadCatalogFile<Waiver>(file, SCHEMA);
  } catch (e) {
    const problem = (e as Error).message.split('\n')[0]!;
    // The schema's oneOf error does not say what it means for a reviewer.
    const hint = problem.includes('oneOf') ? ' (give a waiver either `finding: <id>` or `match: {...}`, not both)' : '';
    throw new WaiverFileError(`${problem}${hint}; see config/schema/waivers.schema.json for the shape`, file);
  }
}

function matches(w: Waiver, f: Finding): boolean {
  if (w.finding !== undefined) return w.finding === f.id;
  const m = w.match!;
  return (
    m.ruleId === f.ruleId &&
    (m.phase === undefined || m.phase === f.phase) &&
    (m.variant === undefined || f.variants.includes(m.variant)) &&
    (m.piType === undefined || f.piTypes.includes(m.piType)) &&
    (m.host === undefined || (f.party !== undefined && (f.party.host === m.host || f.party.domain === m.host)))
  );
}

function describeWaiver(w: Waiver, index: number): string {
  return `waiver ${index + 1} (${w.finding !== undefined ? `finding "${w.finding}"` : `match ${JSON.stringify(w.match)}`})`;
}

/**
 * Marks matching findings waived (the first waiver that matches wins) and returns the findings, with a
 * warning for each waiver that matches nothing: a stale waiver should not hide silently.
 */
export function applyWaivers(
  findings: readonly Finding[],
  waivers: readonly Waiver[],
  file = 'waivers',
): { findings: Finding[]; warnings: string[] } {
  const used = new Set<number>();
  const out = findings.map((f) => {
    const index = waivers.findIndex((w) => matches(w, f));
    if (index < 0) return f;
    used.add(index);
    const w = waivers[index]!;
    return { ...f, waived: { justification: w.justification, ...(w.by ? { by: w.by } : {}), ...(w.date ? { date: w.date } : {}) } };
  });
  // A waiver shadowed by an earlier one still counts as matching: it is redundant, not stale.
  const warnings = waivers.flatMap((w, i) =>
    used.has(i) || findings.some((f) => matches(w, f)) ? [] : [`${file}: ${describeWaiver(w, i)} matches no finding`],
  );
  return { findings: out, warnings };
}

