// Phases of an account flow and the consent variants a scenario is run under.

export const PHASES = ['register', 'login', 'verify', 'delete'] as const;
export type PhaseName = (typeof PHASES)[number];

export const VARIANTS = ['accept-all', 'refuse-optional', 'refuse-biometric', 'refuse-policy'] as const;
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
};

export type PhaseOutcomeStatus = 'completed' | 'blocked' | 'error' | 'not-run';

export interface PhaseOutcome {
  phase: PhaseName;
  variant: VariantName;
  status: PhaseOutcomeStatus;
  /** The step (UI action or expectation) at which the phase stopped, when not completed. */
  blockedAt?: string;
  message?: string;
}

export function isPhase(x: string): x is PhaseName {
  return (PHASES as readonly string[]).includes(x);
}

export function isVariant(x: string): x is VariantName {
  return (VARIANTS as readonly string[]).includes(x);
}
