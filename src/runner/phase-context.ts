// The context a phase function receives: the recorded ui, consent and choice points, notes.

import type { Driver } from '../core/driver.ts';
import { VARIANT_REFUSES, type VariantName } from '../core/phase.ts';
import type { PhaseContext } from '../core/scenario.ts';
import type { Persona, Target } from '../core/target.ts';
import type { RunWriter } from '../evidence/run-writer.ts';
import type { RunMessages } from './inbox-start.ts';
import { recordedUi, type CancelCheck, type UiPosition } from './recorded-ui.ts';

export interface PhaseContextParts {
  writer: RunWriter;
  driver: Driver;
  where: () => UiPosition;
  persona: Persona;
  target: Target;
  variant: VariantName;
  /** The phase's cancel switch: a cancelled phase's ui and choices refuse to go on. */
  token: CancelCheck;
  messages: Pick<RunMessages, 'inbox' | 'sms'>;
}

export function phaseContext(p: PhaseContextParts): PhaseContext {
  const { writer, where, variant, token } = p;
  const ui = recordedUi(p.driver, writer, where, p.target.url, p.persona, token);
  const consentMark = (subject: string, decision: 'accept' | 'refuse') => writer.appendTimeline({ type: 'consent', ...where(), subject, decision });
  return {
    ui,
    persona: p.persona,
    target: p.target,
    variant,
    inbox: p.messages.inbox,
    sms: p.messages.sms,
    // The mark goes in before the act: requests the tap triggers must come after the consent moment.
    consent: {
      accept: async (subject, act) => {
        token.throwIfCancelled();
        consentMark(subject, 'accept');
        await act();
      },
      refuse: async (subject, act) => {
        token.throwIfCancelled();
        consentMark(subject, 'refuse');
        await act();
      },
    },
    choice: async (kind, subject, branches, options) => {
      token.throwIfCancelled();
      const decision = VARIANT_REFUSES[variant].includes(kind) ? 'refuse' : 'accept';
      const piTypes = options?.piTypes;
      writer.appendTimeline({ type: 'choice', ...where(), kind, subject, decision, ...(piTypes?.length ? { piTypes } : {}) });
      if (kind === 'policy') consentMark('privacy-policy', decision);
      await branches[decision]();
      return decision;
    },
    mark: async (label) => {
      writer.appendTimeline({ type: 'mark', ...where(), label });
    },
  };
}
