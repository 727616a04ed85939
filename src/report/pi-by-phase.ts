// What the app collected, per phase, held against its category's necessary PI, and who received it:
// the picture a reader of a report looks at first.

import { necessarySlugsFor, piTypeBySlug } from '../core/catalog-loader.ts';
import type { Catalogs } from '../core/catalog.ts';
import type { Observation, Party } from '../core/observation.ts';
import { PHASES, type PhaseName } from '../core/phase.ts';
import type { RunInfo } from '../core/run.ts';
import { appObservations } from '../rules/app-observations.ts';
import { collectedObservations } from '../rules/sent-observations.ts';

export type BaselineClass = 'necessary' | 'beyond' | 'biometric';

export interface PiRow {
  piType: string;
  baseline: BaselineClass;
  /** Phases the type was sent in, under any variant. */
  phases: Set<PhaseName>;
  /** Variants it was seen under, per phase. */
  variants: Map<PhaseName, Set<string>>;
}

export interface ReceiverRow {
  party: Party;
  piTypes: string[];
  phases: PhaseName[];
}

export interface PiByPhase {
  rows: PiRow[];
  receivers: ReceiverRow[];
  /** False when the target's category is not in the catalog: no baseline to hold against. */
  hasBaseline: boolean;
}

/** A host the app's traffic reached (analysis.json receivers): listed even when it got no PI beyond IP and user agent. */
export interface ContactedHost {
  party: Party;
  phases: string[];
}

/** Same counting as the rules: what the app sent, in evidence phases, credentials left out. */
export function piByPhase(run: RunInfo, observations: Iterable<Observation>, catalogs: Catalogs, contacted: ContactedHost[] = []): PiByPhase {
  const collected = collectedObservations({ observations: appObservations(run, [...observations]), catalogs });
  const hasBaseline = catalogs.categories.some((c) => c.slug === run.target.category);
  const necessary = hasBaseline ? necessarySlugsFor(catalogs, run.target.category) : new Set<string>();
  const rows = new Map<string, PiRow>();
  const receivers = new Map<string, { party: Party; piTypes: Set<string>; phases: Set<PhaseName> }>();
  for (const o of collected) {
    if (o.party.kind !== 'first' && o.party.kind !== 'third') continue;
    let row = rows.get(o.piType);
    if (!row) {
      const biometric = piTypeBySlug(catalogs, o.piType)?.group === 'biometric';
      const baseline: BaselineClass = biometric ? 'biometric' : necessary.has(o.piType) ? 'necessary' : 'beyond';
      rows.set(o.piType, (row = { piType: o.piType, baseline, phases: new Set(), variants: new Map() }));
    }
    let r = receivers.get(o.party.host);
    if (!r) receivers.set(o.party.host, (r = { party: o.party, piTypes: new Set(), phases: new Set() }));
    r.piTypes.add(o.piType);
    if (o.phase) {
      row.phases.add(o.phase);
      r.phases.add(o.phase);
      const vs = row.variants.get(o.phase) ?? new Set<string>();
      if (o.variant) vs.add(o.variant);
      row.variants.set(o.phase, vs);
    }
  }
  for (const c of contacted) {
    if ((c.party.kind !== 'first' && c.party.kind !== 'third') || receivers.has(c.party.host)) continue;
    receivers.set(c.party.host, { party: c.party, piTypes: new Set(), phases: new Set(PHASES.filter((p) => c.phases.includes(p))) });
  }
  const order: Record<BaselineClass, number> = { biometric: 0, beyond: 1, necessary: 2 };
  const firstPhase = (r: PiRow): number => Math.min(...PHASES.map((p, i) => (r.phases.has(p) ? i : PHASES.length)));
  return {
    hasBaseline,
    rows: [...rows.values()].sort((a, b) => order[a.baseline] - order[b.baseline] || firstPhase(a) - firstPhase(b) || a.piType.localeCompare(b.piType)),
    receivers: [...receivers.values()]
      .map((r) => ({ party: r.party, piTypes: [...r.piTypes], phases: PHASES.filter((p) => r.phases.has(p)) }))
      .sort((a, b) => (a.party.kind === b.party.kind ? a.party.host.localeCompare(b.party.host) : a.party.kind === 'first' ? -1 : 1)),
  };
}
