// What a rule concludes, with everything needed to show a reviewer why.

import type { Party } from './observation.ts';
import type { PhaseName, VariantName } from './phase.ts';

export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

export function severityRank(s: Severity): number {
  return SEVERITIES.length - SEVERITIES.indexOf(s);
}

export interface Bilingual {
  zh: string;
  en: string;
}

/**
 * One distinct fact (rule, phase, subject, receiver), with every variant where it held. The same fact
 * seen under four variants is one finding, not four.
 */
export interface Finding {
  /** ruleId:phase:subject: the same evidence gives the same id on every re-report. */
  id: string;
  ruleId: string;
  title: Bilingual;
  severity: Severity;
  /** Clause ids from config/regulations.yaml. */
  clauses: string[];
  phase: PhaseName | null;
  /** Variants where the fact held, in the order variants run; empty for traffic outside any variant. */
  variants: VariantName[];
  /** Variants where the rule was checked for this phase and the fact did not hold. */
  notHeldIn: VariantName[];
  /** PI types the finding is about. */
  piTypes: string[];
  /** Receiving party, for findings about where data went. */
  party?: Party;
  /** One line a reviewer can check against the evidence (of the first variant where it held). */
  reasoning: string;
  evidence: {
    flows: string[];
    observations: string[];
    /** timeline.jsonl sequence numbers */
    timeline: number[];
  };
  /** Set when the finding rests on the app declaring nothing about the matter. */
  restsOnMissingDeclaration?: boolean;
  waived?: { justification: string; by?: string; date?: string };
}

/** What a rule reports for one variant. The engine merges the same fact (same id) across variants into a Finding. */
export type VariantFinding = Omit<Finding, 'variants' | 'notHeldIn'> & { variant: VariantName | null };
