// Biometrics leaving the device, grouped per phase, variant and receiving host. Shared by the biometric rules.

import type { VariantFinding } from '../core/finding.ts';
import type { AppObservation } from '../core/observation.ts';
import type { RuleInput, RuleMeta } from '../core/rule.ts';
import { describeParty } from './party.ts';
import { isBiometric, piLabels } from './pi-classes.ts';
import { findingsPerReceiver } from './per-receiver.ts';
import { describeWhere, sentObservations } from './sent-observations.ts';

export function biometricUploads(input: RuleInput): AppObservation[] {
  return sentObservations(input.observations).filter((o) => isBiometric(input.catalogs, o.piType));
}

/** One finding per (phase, variant, receiving host), with `why` appended to the reasoning. */
export function findingsPerHost(
  meta: RuleMeta,
  input: RuleInput,
  uploads: readonly AppObservation[],
  why: string,
): VariantFinding[] {
  return findingsPerReceiver(meta, uploads, ({ first, piTypes, obs }) => ({
    reasoning: `${piLabels(input.catalogs, piTypes)} left the device in ${first.phase ?? 'no phase'} (${first.variant ?? 'no variant'}) to ${describeParty(first.party)}: ${describeWhere(obs)}. ${why}`,
  }));
}
