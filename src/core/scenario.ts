// The shape of a scenario file: a target and one async function per phase.

import type { ChoiceKind, PhaseName, VariantName } from './phase.ts';
import type { Persona, Target } from './target.ts';

/** UI actions a phase may take; each is recorded in the timeline with a screenshot. */
export interface Ui {
  goto(pathOrUrl: string): Promise<void>;
  tap(selector: string): Promise<void>;
  /** Fill a field. Pass a persona key ('phone') via `persona.*` values; the timeline records which field was used. */
  fill(selector: string, value: string): Promise<void>;
  /** The success condition of a step: waits for text/selector; if it never appears, the phase is blocked here. */
  see(selectorOrText: string, timeoutMs?: number): Promise<void>;
  isVisible(selectorOrText: string): Promise<boolean>;
}

export interface ConsentApi {
  /** Record that the user accepted `subject` by doing `act` (e.g. tapping 同意). */
  accept(subject: string, act: () => Promise<void>): Promise<void>;
  /** Record that the user refused `subject` by doing `act`. */
  refuse(subject: string, act: () => Promise<void>): Promise<void>;
}

export interface ChoiceBranches {
  accept: () => Promise<void>;
  refuse: () => Promise<void>;
}

/**
 * A choice point: the variant decides whether `accept` or `refuse` runs.
 * `subject` names what is chosen ('face', 'education', 'camera permission').
 */
export interface ChoiceOptions {
  /**
   * PI types (slugs from config/pi-types.yaml) the choice covers. An optional item the user accepted and
   * could refuse without losing the basic function is reported as collected with the user's choice.
   */
  piTypes?: string[];
}

export type ChoiceFn = (kind: ChoiceKind, subject: string, branches: ChoiceBranches, options?: ChoiceOptions) => Promise<'accept' | 'refuse'>;

export interface PhaseContext {
  ui: Ui;
  persona: Persona;
  target: Target;
  consent: ConsentApi;
  choice: ChoiceFn;
  variant: VariantName;
  /** Free-form note into the timeline. */
  mark(label: string): Promise<void>;
}

export type PhaseFn = (ctx: PhaseContext) => Promise<void>;

export interface Scenario {
  target: Target;
  /** Persona file (YAML) relative to the scenario, or an inline persona. */
  persona?: string | Persona;
  register?: PhaseFn;
  login?: PhaseFn;
  verify?: PhaseFn;
  delete?: PhaseFn;
  /**
   * Runs after delete: tries the old credentials / profile again. Its outcome is recorded as the
   * phase 'delete' check `deletion-effective` so the cancellation-ineffective rule can use it.
   */
  afterDelete?: (ctx: PhaseContext) => Promise<'still-present' | 'gone'>;
  /**
   * Brings up what the scenario drives when it is local (the sample apps): returns a host map
   * (hostname -> 127.0.0.1:port) the capture engine routes to, and a stop function.
   */
  serve?: () => Promise<LocalApp>;
}

export interface LocalApp {
  hosts: Record<string, string>;
  /** Forget all accounts so each variant starts from a fresh install. */
  reset(): Promise<void>;
  stop(): Promise<void>;
}

export const PHASE_ORDER: readonly PhaseName[] = ['register', 'login', 'verify', 'delete'];

export function defineScenario(s: Scenario): Scenario {
  return s;
}
