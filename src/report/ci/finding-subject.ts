// The parts of a finding CI outputs name it by: the subject is what its stable id adds after rule and phase.

import type { Finding } from '../../core/finding.ts';

/** ruleId:phase:subject -> subject (the whole id when it has another shape). */
export function findingSubject(f: Finding): string {
  const prefix = `${f.ruleId}:${f.phase ?? ''}:`;
  return f.id.startsWith(prefix) ? f.id.slice(prefix.length) : f.id;
}

/** Where the fact was seen, for a reader: "register (accept-all, refuse-optional)". */
export function findingPlace(f: Finding): string {
  const where = f.phase ?? 'outside any phase';
  return f.variants.length ? `${where} (${f.variants.join(', ')})` : where;
}
