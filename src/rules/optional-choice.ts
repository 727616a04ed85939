// PI the user gave by an optional choice they could have refused: collected with the user's choice,
// not over-collection. The scenario names what an optional choice covers (choice(..., { piTypes })).

import type { PhaseName, VariantName } from '../core/phase.ts';
import type { RuleInput } from '../core/rule.ts';
import type { ChoiceEvent } from '../core/timeline.ts';
import { choices, outcomeOf, phaseEvents } from './run-facts.ts';

export interface UserChoice {
  choice: ChoiceEvent;
  /** Why the choice counts as refusable, for the evaluation's reason. */
  refusable: string;
}

function covers(c: ChoiceEvent, piType: string): boolean {
  return c.piTypes ? c.piTypes.includes(piType) : c.subject === piType;
}

/**
 * The accepted optional choice covering `piType` in this phase, when refusing it does not cost the basic
 * function: the refuse-optional run of the phase completed and did not send the type anyway. Undefined
 * when the app requires it (refuse-optional blocked) or sends it without a choice.
 */
export function userChoiceFor(input: RuleInput, variant: VariantName, phase: PhaseName, piType: string): UserChoice | undefined {
  const choice = choices(phaseEvents(input.timeline, variant, phase)).find(
    (c) => c.kind === 'optional' && c.decision === 'accept' && covers(c, piType),
  );
  if (!choice) return undefined;
  const refused = outcomeOf(input.run, 'refuse-optional', phase);
  if (refused?.status === 'completed') {
    const sentAnyway = input.observations.some((o) => o.variant === 'refuse-optional' && o.phase === phase && o.piType === piType);
    if (sentAnyway) return undefined;
    return { choice, refusable: `refuse-optional ${phase} completed without it` };
  }
  if (refused === undefined || refused.status === 'not-tested') {
    return { choice, refusable: 'whether refusing it keeps the basic function was not tested (refuse-optional not run)' };
  }
  return undefined;
}
