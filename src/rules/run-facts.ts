// Questions rules ask of run.json outcomes and the timeline: how did a phase end, what happened in it.

import { isEvidence, PHASES, type PhaseName, type PhaseOutcome, type VariantName } from '../core/phase.ts';
import type { RunInfo } from '../core/run.ts';
import type { ChoiceEvent, ConsentEvent, PhaseEndEvent, TimelineEvent } from '../core/timeline.ts';

/**
 * How a phase of a variant ended. A phase with no recorded outcome in a run that stopped early, or in a
 * scenario that has no such phase, is `not-tested`: it never becomes evidence for or against the app.
 */
export function outcomeOf(run: RunInfo, variant: VariantName, phase: PhaseName): PhaseOutcome | undefined {
  const o = run.outcomes.find((x) => x.variant === variant && x.phase === phase);
  if (o) return o;
  if (!run.variants.includes(variant)) return undefined;
  return { phase, variant, status: 'not-tested', message: run.complete ? 'no outcome recorded' : `the run stopped before it (${run.incompleteReason ?? 'incomplete run'})` };
}

/** Every phase of every variant the run was to drive, with not-tested filled in where nothing was recorded. */
export function phaseOutcomes(run: RunInfo): PhaseOutcome[] {
  return run.variants.flatMap((v) => PHASES.map((p) => outcomeOf(run, v, p)!));
}

/** Outcomes that are evidence about the app: the phase completed, or the app blocked it. */
export function evidenceOutcomes(run: RunInfo): PhaseOutcome[] {
  return phaseOutcomes(run).filter(isEvidence);
}

/** Outcomes of phases that are no evidence either way: a harness or scenario error, or not tested. */
export function untestedOutcomes(run: RunInfo): PhaseOutcome[] {
  return phaseOutcomes(run).filter((o) => o.status === 'error' || o.status === 'not-tested');
}

/** The reason a rule gives when it cannot judge a phase. */
export function whyNotEvidence(o: PhaseOutcome): string {
  if (o.status === 'error') return `${o.phase} ended in a harness or scenario error, which says nothing about the app: ${o.message ?? 'no message'}`;
  if (o.status === 'not-tested') return `${o.phase} not tested: ${o.message ?? 'no outcome'}`;
  return `${o.phase} ${o.status}${o.message ? `: ${o.message}` : ''}`;
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
