// What the timeline says about consent, read against config/consent-subjects.yaml: which subjects an act
// covered, whether it was bundled, which PI types a subject covers, and where each event may be judged.

import type { ConsentSubject, Catalogs } from '../core/catalog.ts';
import type { VariantName } from '../core/phase.ts';
import type { RuleInput } from '../core/rule.ts';
import type { ConsentEvent, TimelineEvent } from '../core/timeline.ts';
import { consents, evidenceOutcomes } from './run-facts.ts';

/** Every subject one consent act covered. */
export function subjectsOf(e: ConsentEvent): string[] {
  return e.subjects ?? [e.subject];
}

/** Catalog entries of the subjects an act covered; names the catalog does not know (older evidence) are left out. */
export function knownSubjects(catalogs: Catalogs, e: ConsentEvent): ConsentSubject[] {
  return subjectsOf(e).flatMap((id) => catalogs.consentSubjects.filter((s) => s.id === id));
}

/** Why one act is bundled consent, or undefined: a necessary with an optional subject, or several services. */
export function bundledBecause(subjects: readonly ConsentSubject[]): string | undefined {
  const necessary = subjects.filter((s) => s.necessary);
  const optional = subjects.filter((s) => !s.necessary);
  if (necessary.length && optional.length) {
    return `necessary ${necessary.map((s) => s.id).join(', ')} and optional ${optional.map((s) => s.id).join(', ')} in one act`;
  }
  const services = [...new Set(subjects.map((s) => s.service))];
  return services.length > 1 ? `subjects of ${services.length} services (${services.join(', ')}) in one act` : undefined;
}

/** Subjects whose consent covers a PI type. */
export function subjectsCovering(catalogs: Catalogs, piType: string): ConsentSubject[] {
  return catalogs.consentSubjects.filter((s) => s.piTypes.includes(piType));
}

/** Timeline events of phases that are evidence (completed or blocked), in sequence order. */
export function evidenceEvents(input: Pick<RuleInput, 'run' | 'timeline'>): TimelineEvent[] {
  const evidence = new Set(evidenceOutcomes(input.run).map((o) => `${o.variant}/${o.phase}`));
  return input.timeline.filter((e) => e.variant !== null && evidence.has(`${e.variant}/${e.phase}`)).sort((a, b) => a.seq - b.seq);
}

/**
 * Subjects accepted in a variant as of a moment, each with the act that accepted it; a later withdrawal or
 * refusal of the subject takes it back. Reads every step of the variant (the withdraw step included).
 */
export function acceptedAt(timeline: readonly TimelineEvent[], variant: VariantName, time: string): Map<string, ConsentEvent> {
  const at = Date.parse(time);
  const held = new Map<string, ConsentEvent>();
  for (const c of consents(timeline).sort((a, b) => a.seq - b.seq)) {
    if (c.variant !== variant || Date.parse(c.time) > at) continue;
    for (const s of subjectsOf(c)) {
      if (c.decision === 'accept') held.set(s, c);
      else held.delete(s);
    }
  }
  return held;
}
