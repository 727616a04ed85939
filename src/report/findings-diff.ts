// What changed between two versions of an app: findings matched by their stable id (ruleId:phase:subject),
// never by text. A finding gone from the new run counts as resolved only if the new run tested it again.

import type { Finding } from '../core/finding.ts';
import { isEvidence } from '../core/phase.ts';
import type { FindingsFile } from '../core/rule.ts';

export interface ChangedFinding {
  old: Finding;
  new: Finding;
  /** What differs although the fact is the same, e.g. "severity high -> medium", "variants +refuse-policy". */
  changes: string[];
}

export interface FindingsDiff {
  added: Finding[];
  /** Gone from the new run, whose phase the new run did test (completed or blocked). */
  resolved: Finding[];
  /** Gone from the new run, but the new run has no evidence about its phase: not known to be fixed. */
  notRetested: Finding[];
  unchanged: ChangedFinding[];
}

export function diffFindings(oldFile: FindingsFile, newFile: FindingsFile): FindingsDiff {
  const before = new Map(oldFile.findings.map((f) => [f.id, f]));
  const after = new Map(newFile.findings.map((f) => [f.id, f]));
  const diff: FindingsDiff = { added: [], resolved: [], notRetested: [], unchanged: [] };
  for (const f of newFile.findings) {
    const old = before.get(f.id);
    if (old) diff.unchanged.push({ old, new: f, changes: changesBetween(old, f) });
    else diff.added.push(f);
  }
  for (const f of oldFile.findings) {
    if (after.has(f.id)) continue;
    (retested(f, newFile) ? diff.resolved : diff.notRetested).push(f);
  }
  return diff;
}

/** Did the new run produce evidence where the old finding held? Traffic outside phases needs a complete run. */
function retested(f: Finding, newFile: FindingsFile): boolean {
  if (f.phase === null) return newFile.complete;
  const wanted = f.variants.length ? new Set(f.variants) : undefined;
  return newFile.outcomes.some((o) => o.phase === f.phase && (!wanted || wanted.has(o.variant)) && isEvidence(o));
}

function changesBetween(a: Finding, b: Finding): string[] {
  const out: string[] = [];
  if (a.severity !== b.severity) out.push(`severity ${a.severity} -> ${b.severity}`);
  const gained = b.variants.filter((v) => !a.variants.includes(v));
  const lost = a.variants.filter((v) => !b.variants.includes(v));
  if (gained.length || lost.length) out.push(`variants ${[...gained.map((v) => `+${v}`), ...lost.map((v) => `-${v}`)].join(' ')}`);
  if (Boolean(a.waived) !== Boolean(b.waived)) out.push(b.waived ? 'now waived' : 'no longer waived');
  return out;
}
