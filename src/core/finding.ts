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

export interface Finding {
  /** Stable within a run: ruleId + phase + variant + subject. */
  id: string;
  ruleId: string;
  title: Bilingual;
  severity: Severity;
  /** Clause ids from config/regulations.yaml. */
  clauses: string[];
  phase: PhaseName | null;
  variant: VariantName | null;
  /** PI types the finding is about. */
  piTypes: string[];
  /** Receiving party, for findings about where data went. */
  party?: Party;
  /** One line a reviewer can check against the evidence. */
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
