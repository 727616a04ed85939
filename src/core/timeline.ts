// Lines of timeline.jsonl: what the harness did and when, so flows can be placed in context.

import type { ChoiceKind, PhaseOutcomeStatus, StepName, VariantName } from './phase.ts';

interface EventBase {
  /** Monotonic sequence number within the run directory. */
  seq: number;
  /** ISO 8601 wall-clock time. */
  time: string;
  variant: VariantName | null;
  phase: StepName | null;
}

export interface PhaseStartEvent extends EventBase {
  type: 'phase-start';
}

export interface PhaseEndEvent extends EventBase {
  type: 'phase-end';
  status: PhaseOutcomeStatus;
  blockedAt?: string;
  message?: string;
}

export interface ActionEvent extends EventBase {
  type: 'action';
  /** goto, tap, fill, see, ... */
  action: string;
  target: string;
  /** Filled values are recorded by persona field name, never the raw secret. */
  valueRef?: string;
  ok: boolean;
  error?: string;
  /** Screenshot taken after the step: screenshots/<sha256>.png */
  screenshot?: string;
  /** Page source (DOM or native hierarchy) when the step failed: bodies/<sha256>. */
  source?: string;
}

export interface ConsentEvent extends EventBase {
  type: 'consent';
  /** An id of config/consent-subjects.yaml, e.g. 'privacy-policy', 'face-recognition'; the first of `subjects`. */
  subject: string;
  /** Every subject this one act covered, when it covered more than one (one tap accepting policy and marketing). */
  subjects?: string[];
  decision: 'accept' | 'refuse' | 'withdraw';
}

/** The app asked for consent to `subject` (a prompt or dialog the scenario saw). */
export interface ConsentAskedEvent extends EventBase {
  type: 'consent-asked';
  subject: string;
}

/** The state an opt-in for `subject` was in when first shown: checked means pre-ticked. */
export interface ConsentDefaultEvent extends EventBase {
  type: 'consent-default';
  subject: string;
  checked: boolean;
}

export interface ChoiceEvent extends EventBase {
  type: 'choice';
  kind: ChoiceKind;
  subject: string;
  /** PI types (catalog slugs) an optional choice covers, as the scenario names them. */
  piTypes?: string[];
  decision: 'accept' | 'refuse';
}

/** A manual mark from live capture (`privlab mark`) or a note from the runner. */
export interface MarkEvent extends EventBase {
  type: 'mark';
  label: string;
}

export interface VariantEvent extends EventBase {
  type: 'variant-start' | 'variant-end';
}

export type TimelineEvent =
  | PhaseStartEvent
  | PhaseEndEvent
  | ActionEvent
  | ConsentEvent
  | ConsentAskedEvent
  | ConsentDefaultEvent
  | ChoiceEvent
  | MarkEvent
  | VariantEvent;

/** Distributive Omit so each member of the union keeps its own fields. */
export type TimelineEventInput = TimelineEvent extends infer E
  ? E extends TimelineEvent
    ? Omit<E, 'seq' | 'time'>
    : never
  : never;
