// Which observations the rules may judge at all: what the app sent in phases that are evidence.

import type { AppObservation, Observation } from '../core/observation.ts';
import { isPhase } from '../core/phase.ts';
import type { RunInfo } from '../core/run.ts';
import { evidenceOutcomes } from './run-facts.ts';

/**
 * Keeps observations made outside any phase, and those of a phase of a variant that completed or was
 * blocked. Drops the harness's deletion check, phases that ended in a harness error, and phases a stopped
 * run never finished: none of them says anything about the app.
 */
export function appObservations(run: RunInfo, observations: readonly Observation[]): AppObservation[] {
  const evidence = new Set(evidenceOutcomes(run).map((o) => `${o.variant}/${o.phase}`));
  return observations.filter((o): o is AppObservation => {
    if (o.phase === null) return true;
    if (!isPhase(o.phase)) return false;
    return o.variant === null || evidence.has(`${o.variant}/${o.phase}`);
  });
}
