// Questions rules ask of run.json outcomes and the timeline: how did a phase end, what happened in it.

import type { PhaseName, PhaseOutcome, VariantName } from '../core/phase.ts';
import type { RunInfo } from '../core/run.ts';
import type { ChoiceEvent, ConsentEvent, PhaseEndEvent, TimelineEvent } from '../core/timeline.ts';

export function outcomeOf(run: RunInfo, variant: VariantName, phase: PhaseName): PhaseOutcome | undefined {
  return run.outcomes.find((o) => o.variant === variant && o.phase === phase);
}

/** Outcomes of phases that were actually driven (not skipped after an earlier block). */
export function ranOutcomes(run: RunInfo): PhaseOutcome[] {
  return run.outcomes.filter((o) => o.status !== 'not-run');
}

/** Events recorded inside one phase of one variant, in sequence order. */
export function phaseEvents(timeline: readonly TimelineEvent[], variant: VariantName, phase: PhaseName): TimelineEvent[] {
  return timeline.filter((e) => e.variant === variant && e.phase === phase).sort((a, b) => a.seq - b.seq);
}

export function phaseEnd(events: readonly TimelineEvent[]): PhaseEndEvent | undefined {
  return events.find((e): e is PhaseEndEvent => e.type === 'phase-end');
}

export function choices(events: readonly TimelineEvent[]): ChoiceEvent[] {
  return events.filter((e): e is ChoiceEvent => e.type === 'choice');
}

export function consents(events: readonly TimelineEvent[]): ConsentEvent[] {
  return events.filter((e): e is ConsentEvent => e.type === 'consent');
}

/** "blocked at <step>" or the bare status, for reasoning lines. */
export function describeOutcome(o: PhaseOutcome | undefined): string {
  if (!o) return 'not recorded';
  return o.blockedAt ? `${o.status} at "${o.blockedAt}"` : o.status;
}
