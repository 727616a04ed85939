// Which observations count as personal information the app sent, and how to cite them.

import type { Catalogs } from '../core/catalog.ts';
import type { AppObservation } from '../core/observation.ts';
import { isCredential, isSignIn } from './pi-classes.ts';

/**
 * Observations below this confidence are not relied on by any rule: a finding must rest on what the
 * evidence proves, and a weak key-name guess alone does not.
 */
export const MIN_CONFIDENCE = 0.6;

/**
 * What the app sent off the device: request-side values, to anyone but the harness and the browser itself,
 * that detection is confident about.
 */
export function sentObservations(observations: readonly AppObservation[]): AppObservation[] {
  return observations.filter(
    (o) => o.direction === 'request' && o.party.kind !== 'harness' && o.confidence >= MIN_CONFIDENCE,
  );
}

/**
 * sentObservations without credentials (pi-types.yaml `credential`: password, SMS code), since a credential
 * is a means of the flow, not PI the app collects for a purpose; and without sign-in identifiers sent again
 * to the party that already received them in an earlier phase of the variant (signing in with the e-mail
 * given at registration): that is the account the server holds, judged where it was first given.
 */
export function collectedObservations(input: { observations: readonly AppObservation[]; catalogs: Catalogs }): AppObservation[] {
  const sent = sentObservations(input.observations).filter((o) => !isCredential(input.catalogs, o.piType));
  const firstPhase = new Map<string, string | null>();
  const key = (o: AppObservation) => `${o.variant}|${o.party.domain}|${o.piType}|${o.value.trim().toLowerCase()}`;
  for (const o of [...sent].sort((a, b) => Date.parse(a.time) - Date.parse(b.time))) {
    if (!firstPhase.has(key(o))) firstPhase.set(key(o), o.phase);
  }
  // A re-send outside any phase (a request the last page makes after the scenario's last step) is one too.
  return sent.filter((o) => !(isSignIn(input.catalogs, o.piType) && firstPhase.get(key(o)) != null && firstPhase.get(key(o)) !== o.phase));
}

/** Flow and observation ids, each once, in the order met. */
export function citeObservations(observations: readonly AppObservation[]): { flows: string[]; observations: string[] } {
  return {
    flows: [...new Set(observations.map((o) => o.flowId))],
    observations: [...new Set(observations.map((o) => o.id))],
  };
}

/** Groups by a key, keeping first-seen order of keys and of members. */
export function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

/** One line naming where a few of the observations sat, for a finding's reasoning. */
export function describeWhere(observations: readonly AppObservation[], limit = 3): string {
  const shown = observations.slice(0, limit).map((o) => `flow ${o.flowId} at ${o.path}`);
  const more = observations.length > limit ? ` and ${observations.length - limit} more` : '';
  return shown.join(', ') + more;
}
