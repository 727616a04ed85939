// The context a phase function receives: the recorded ui, consent and choice points, notes.

import { findConsentSubject, loadCatalogs } from '../core/catalog-loader.ts';
import type { Driver } from '../core/driver.ts';
import { VARIANT_REFUSES, type VariantName } from '../core/phase.ts';
import type { PhaseContext } from '../core/scenario.ts';
import type { Persona, Target } from '../core/target.ts';
import type { ConsentEvent } from '../core/timeline.ts';
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
  const catalogs = loadCatalogs();
  // A subject the catalog does not know fails the phase at once: the rules could not judge it.
  const known = (subject: string) => findConsentSubject(catalogs, subject).id;
  const consentMark = (subjects: string | string[], decision: ConsentEvent['decision']) => {
    const all = [...new Set([subjects].flat().map(known))];
    if (!all.length) throw new Error(`consent.${decision}: name at least one subject of config/consent-subjects.yaml`);
    writer.appendTimeline({ type: 'consent', ...where(), subject: all[0]!, ...(all.length > 1 ? { subjects: all } : {}), decision });
  };
  const consentAct = (decision: ConsentEvent['decision']) => async (subjects: string | string[], act: () => Promise<void>) => {
    token.throwIfCancelled();
    consentMark(subjects, decision);
    await act();
  };
  return {
    ui,
    persona: p.persona,
    target: p.target,
    variant,
    inbox: p.messages.inbox,
    sms: p.messages.sms,
    // The mark goes in before the act: requests the tap triggers must come after the consent moment.
    consent: {
      accept: consentAct('accept'),
      refuse: consentAct('refuse'),
      withdraw: consentAct('withdraw'),
      asked: async (subject) => {
        token.throwIfCancelled();
        writer.appendTimeline({ type: 'consent-asked', ...where(), subject: known(subject) });
      },
      defaultState: async (subject, checked) => {
        token.throwIfCancelled();
        writer.appendTimeline({ type: 'consent-default', ...where(), subject: known(subject), checked });
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
