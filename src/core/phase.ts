// Phases of an account flow and the consent variants a scenario is run under.

export const PHASES = ['register', 'login', 'verify', 'delete'] as const;
export type PhaseName = (typeof PHASES)[number];

/**
 * The harness's own check after delete (does the old account still log in?). Its flows and actions are
 * recorded under this step name so that no collection rule ever counts them as the app's cancellation.
 */
export const DELETE_CHECK = 'delete-check' as const;

/**
 * The scenario's withdrawal of optional consents (variant withdraw-optional, after register). Its own requests
 * are the withdrawal, not collection: no collection rule counts them, the withdrawal rule reads what follows.
 */
export const WITHDRAW = 'withdraw' as const;

/** What flows, observations and timeline events are tagged with: an app phase, the withdrawal, or the harness's check. */
export type StepName = PhaseName | typeof DELETE_CHECK | typeof WITHDRAW;

export function isStep(x: string): x is StepName {
  return x === DELETE_CHECK || x === WITHDRAW || isPhase(x);
}

export const VARIANTS = ['accept-all', 'refuse-optional', 'refuse-biometric', 'refuse-policy', 'withdraw-optional'] as const;
export type VariantName = (typeof VARIANTS)[number];

/**
 * Kinds of choice point a scenario offers. A variant decides which branch each kind takes:
 * policy (privacy-policy consent), optional (non-necessary information), permission (an OS or
 * browser permission), biometric (face, voice, fingerprint step).
 */
export const CHOICE_KINDS = ['policy', 'optional', 'permission', 'biometric'] as const;
export type ChoiceKind = (typeof CHOICE_KINDS)[number];

/** Which choice kinds each variant declines; everything else is accepted. */
export const VARIANT_REFUSES: Record<VariantName, readonly ChoiceKind[]> = {
  'accept-all': [],
  'refuse-optional': ['optional', 'permission'],
  'refuse-biometric': ['biometric'],
  'refuse-policy': ['policy'],
  // Accepts everything at register; the scenario's withdraw step then takes the optional consents back.
  'withdraw-optional': [],
};

/**
 * How a phase of a variant ended. Only `completed` and `blocked` are evidence about the app:
 * - blocked: an element or text the scenario waited for did not appear in time (the app stopped the user);
 * - error: the harness, the scenario or the browser failed; it says nothing about the app;
 * - not-run: an earlier phase of the variant did not complete;
 * - not-tested: the scenario has no such phase, or the run stopped before the phase ended.
 */
export const PHASE_OUTCOME_STATUSES = ['completed', 'blocked', 'error', 'not-run', 'not-tested'] as const;
export type PhaseOutcomeStatus = (typeof PHASE_OUTCOME_STATUSES)[number];

export const EVIDENCE_STATUSES: readonly PhaseOutcomeStatus[] = ['completed', 'blocked'];

export interface PhaseOutcome {
  phase: PhaseName;
  variant: VariantName;
  status: PhaseOutcomeStatus;
  /** The step (UI action or expectation) at which the phase stopped, when not completed. */
  blockedAt?: string;
  message?: string;
  /** Stack of the error, for status `error`: a tester needs it to fix the scenario or the harness. */
  stack?: string;
}

export function isEvidence(o: Pick<PhaseOutcome, 'status'>): boolean {
  return EVIDENCE_STATUSES.includes(o.status);
}

export function isPhase(x: string): x is PhaseName {
  return (PHASES as readonly string[]).includes(x);
}

export function isVariant(x: string): x is VariantName {
  return (VARIANTS as readonly string[]).includes(x);
}
