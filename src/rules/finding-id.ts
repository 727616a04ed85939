// Finding ids a reviewer can write into a waiver file: the same run gives the same ids every time.

import type { PhaseName, VariantName } from '../core/phase.ts';

/** ruleId:phase:variant:subject, with '-' for a missing phase or variant. */
export function findingId(ruleId: string, phase: PhaseName | null, variant: VariantName | null, subject: string): string {
  return [ruleId, phase ?? '-', variant ?? '-', subject].join(':');
}
