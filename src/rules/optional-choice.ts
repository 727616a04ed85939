// PI the user gave by an optional choice they could have refused: collected with the user's choice,
// not over-collection. The scenario names what an optional choice covers (choice(..., { piTypes })).

import type { PhaseName, VariantName } from '../core/phase.ts';
import type { RuleInput } from '../core/rule.ts';
import type { ChoiceEvent } from '../core/timeline.ts';
import { choices, consents, outcomeOf, phaseEvents } from './run-facts.ts';
import { sentObservations } from './sent-observations.ts';

export interface UserChoice {
  choice: ChoiceEvent;
  /** Why the choice counts as refusable, for the evaluation's reason. */
  refusable: string;
}

function covers(c: ChoiceEvent, piType: string): boolean {
  return c.piTypes ? c.piTypes.includes(piType) : c.subject === piType;
}

/**
 * The accepted optional choice covering `piType` in this phase, or in an earlier one of the variant with no
 * withdrawal since (a choice holds until taken back: a remember-me cookie accepted at register is sent at
 * login), when refusing it does not cost the basic function: the refuse-optional run of the phase completed
 * and did not send the type anyway. Undefined when the app requires it (refuse-optional blocked) or sends it
 * without a choice.
 */
export function userChoiceFor(input: RuleInput, variant: VariantName, phase: PhaseName, piType: string): UserChoice | undefined {
  const end = phaseEvents(input.timeline, variant, phase).at(-1)?.seq ?? -1;
  const before = input.timeline.filter((e) => e.variant === variant && e.seq <= end).sort((a, b) => a.seq - b.seq);
  const lastWithdrawal = consents(before).filter((c) => c.decision === 'withdraw').at(-1)?.seq ?? -1;
  const choice = choices(before).find(
    (c) => c.kind === 'optional' && c.decision === 'accept' && covers(c, piType) && (c.phase === phase || c.seq > lastWithdrawal),
  );
  if (!choice) return undefined;
  const refused = outcomeOf(input.run, 'refuse-optional', phase);
  if (refused?.status === 'completed') {
    // What the app sent: a page showing the name back (a response) is no collection.
    const sentAnyway = sentObservations(input.observations).some((o) => o.variant === 'refuse-optional' && o.phase === phase && o.piType === piType);
    if (sentAnyway) return undefined;
    return { choice, refusable: `refuse-optional ${phase} completed without it` };
  }
  if (refused === undefined || refused.status === 'not-tested') {
    return { choice, refusable: 'whether refusing it keeps the basic function was not tested (refuse-optional not run)' };
  }
  return undefined;
}
