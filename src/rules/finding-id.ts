// Finding ids a reviewer can write into a waiver file: the same evidence gives the same ids every time.

import type { PhaseName } from '../core/phase.ts';

/** ruleId:phase:subject, with '-' for a missing phase. No variant: one fact is one finding across variants. */
export function findingId(ruleId: string, phase: PhaseName | null, subject: string): string {
  return [ruleId, phase ?? '-', subject].join(':');
}
