// One finding per (variant, phase, receiving host): the shape of every "data went to X" rule.

import type { VariantFinding } from '../core/finding.ts';
import type { AppObservation } from '../core/observation.ts';
import type { RuleMeta } from '../core/rule.ts';
import { makeFinding, type FindingFields } from './rule-output.ts';
import { citeObservations, groupBy } from './sent-observations.ts';

export interface ReceiverGroup {
  first: AppObservation;
  piTypes: string[];
  obs: AppObservation[];
}

/** Groups observations by receiver; `describe` says why each group is a finding (reasoning, severity...). */
export function findingsPerReceiver(
  meta: RuleMeta,
  observations: readonly AppObservation[],
  describe: (g: ReceiverGroup) => Pick<FindingFields, 'reasoning'> & Partial<Pick<FindingFields, 'severity' | 'restsOnMissingDeclaration'>>,
): VariantFinding[] {
  return [...groupBy(observations, (o) => `${o.variant}/${o.phase}/${o.party.host}`).values()].map((obs) => {
    const first = obs[0]!;
    const piTypes = [...new Set(obs.map((o) => o.piType))];
    return makeFinding(meta, {
      subject: first.party.host,
      phase: first.phase,
      variant: first.variant,
      piTypes,
      party: first.party,
      evidence: { ...citeObservations(obs), timeline: [] },
      ...describe({ first, piTypes, obs }),
    });
  });
}
