// Biometrics leaving the device, grouped per phase, variant and receiving host. Shared by the biometric rules.

import type { Finding } from '../core/finding.ts';
import type { Observation } from '../core/observation.ts';
import type { RuleInput, RuleMeta } from '../core/rule.ts';
import { describeParty } from './party.ts';
import { isBiometric, piLabels } from './pi-classes.ts';
import { makeFinding } from './rule-output.ts';
import { citeObservations, describeWhere, groupBy, sentObservations } from './sent-observations.ts';

export function biometricUploads(input: RuleInput): Observation[] {
  return sentObservations(input.observations).filter((o) => isBiometric(input.catalogs, o.piType));
}

/** One finding per (phase, variant, receiving host), with `why` appended to the reasoning. */
export function findingsPerHost(
  meta: RuleMeta,
  input: RuleInput,
  uploads: readonly Observation[],
  why: string,
): Finding[] {
  const groups = groupBy(uploads, (o) => `${o.variant}/${o.phase}/${o.party.host}`);
  return [...groups.values()].map((obs) => {
    const first = obs[0]!;
    const piTypes = [...new Set(obs.map((o) => o.piType))];
    return makeFinding(meta, {
      subject: first.party.host,
      phase: first.phase,
      variant: first.variant,
      piTypes,
      party: first.party,
      reasoning: `${piLabels(input.catalogs, piTypes)} left the device in ${first.phase ?? 'no phase'} (${first.variant ?? 'no variant'}) to ${describeParty(first.party)}: ${describeWhere(obs)}. ${why}`,
      evidence: { ...citeObservations(obs), timeline: [] },
    });
  });
}
