// A phase that completes when everything is accepted but is blocked once the user declines something:
// the block is the app's answer to the refusal. Shared by forced-non-necessary and face-only.

import type { VariantFinding } from '../core/finding.ts';
import { isEvidence, PHASES, type ChoiceKind, type PhaseName, type VariantName } from '../core/phase.ts';
import type { RuleEvaluation, RuleInput, RuleMeta, RuleResult } from '../core/rule.ts';
import type { ChoiceEvent } from '../core/timeline.ts';
import { makeEvaluation, makeFinding, notApplicable } from './rule-output.ts';
import { choices, describeOutcome, outcomeOf, phaseEnd, phaseEvents, whyNotEvidence } from './run-facts.ts';

/** What the accept-all run of the phase shows about what was at stake. */
export interface Support {
  piTypes: string[];
  flows: string[];
  observations: string[];
  note: string;
}

export interface Contrast {
  /** The variant that declines `kinds`. */
  variant: VariantName;
  kinds: readonly ChoiceKind[];
  /** Extra evidence from the accept-all run of the same phase (e.g. what it collected). */
  supporting?: (input: RuleInput, phase: PhaseName) => Support;
}

export function evaluateContrast(
  meta: RuleMeta,
  contrast: Contrast,
  input: RuleInput,
): RuleResult {
  const { run, timeline } = input;
  const findings: VariantFinding[] = [];
  const evaluations: RuleEvaluation[] = [];
  for (const phase of PHASES) {
    const base = outcomeOf(run, 'accept-all', phase);
    const refused = outcomeOf(run, contrast.variant, phase);
    if (!base && !refused) continue;
    if (!base || !refused || !isEvidence(base) || !isEvidence(refused)) {
      // A harness error, a phase not reached or not tested on either side: no contrast can be drawn.
      const why = [base, refused].find((o) => o && !isEvidence(o));
      evaluations.push(
        notApplicable(meta, phase, contrast.variant, `accept-all ${describeOutcome(base)}, ${contrast.variant} ${describeOutcome(refused)}${why ? `: ${whyNotEvidence(why)}` : ''}`),
      );
      continue;
    }
    if (base.status !== 'completed' || refused.status !== 'blocked') {
      evaluations.push(makeEvaluation(meta, phase, contrast.variant, [], `accept-all ${describeOutcome(base)}, ${contrast.variant} ${describeOutcome(refused)}`));
      continue;
    }
    const events = phaseEvents(timeline, contrast.variant, phase);
    const end = phaseEnd(events);
    const declined: ChoiceEvent[] = choices(events).filter(
      (c) => c.decision === 'refuse' && contrast.kinds.includes(c.kind) && (!end || c.seq < end.seq),
    );
    if (!declined.length) {
      // Blocked, but not after a refusal of this kind: the block cannot be laid at the refusal's door.
      evaluations.push(makeEvaluation(meta, phase, contrast.variant, [], `${contrast.variant} blocked with no ${contrast.kinds.join('/')} choice refused before it`));
      continue;
    }
    const support = contrast.supporting?.(input, phase);
    const subjects = declined.map((c) => `"${c.subject}" (${c.kind})`).join(', ');
    const finding = makeFinding(meta, {
      subject: 'blocked',
      phase,
      variant: contrast.variant,
      piTypes: support?.piTypes ?? [],
      reasoning:
        `${phase} completed under accept-all but was ${describeOutcome(refused)} under ${contrast.variant} ` +
        `after the user declined ${subjects} (timeline ${declined.map((c) => c.seq).join(', ')}).` +
        (support?.note ? ` ${support.note}` : ''),
      evidence: {
        flows: support?.flows ?? [],
        observations: support?.observations ?? [],
        timeline: [...declined.map((c) => c.seq), ...(end ? [end.seq] : [])],
      },
    });
    findings.push(finding);
    evaluations.push(makeEvaluation(meta, phase, contrast.variant, [finding]));
  }
  return { findings, evaluations };
}
