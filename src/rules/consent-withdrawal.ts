// Withdrawal of consent (撤回同意, PIPL Art. 15-16): in variant withdraw-optional the scenario accepts everything
// at register, withdraws the optional consents in its withdraw step, then logs in, verifies and deletes.

import { necessarySlugsFor } from '../core/catalog-loader.ts';
import type { VariantFinding } from '../core/finding.ts';
import type { AppObservation } from '../core/observation.ts';
import { WITHDRAW, type PhaseName } from '../core/phase.ts';
import type { Rule, RuleEvaluation, RuleInput, RuleMeta, RuleResult } from '../core/rule.ts';
import type { ConsentEvent, PhaseEndEvent } from '../core/timeline.ts';
import { acceptedAt, subjectsCovering, subjectsOf } from './consent-facts.ts';
import { isSignIn, piLabels } from './pi-classes.ts';
import { evaluationsByPhase, makeEvaluation, makeFinding, notApplicable } from './rule-output.ts';
import { consents, describeOutcome, outcomeOf } from './run-facts.ts';
import { citeObservations, collectedObservations, describeWhere, groupBy, sentObservations } from './sent-observations.ts';

const meta: RuleMeta = {
  id: 'consent-withdrawal',
  title: { zh: '撤回同意无途径、撤回后拒绝服务或继续收集', en: 'Consent withdrawal missing, punished or ignored' },
  description: {
    zh: '测试人员说明找不到撤回同意的途径，或脚本的撤回步骤受阻；撤回非必要同意后，全部同意时能完成的登录、身份验证或注销受阻；或撤回后所撤回事项涵盖的个人信息仍被发送。',
    en: 'The tester states there is no way to withdraw consent, or the scripted withdrawal was blocked; after the optional consents are withdrawn, a phase that completes under accept-all is blocked; or PI the withdrawn consents covered is still sent afterwards.',
  },
  severity: 'high',
  clauses: ['pipl-art15', 'pipl-art16', 'pipl-art47', 'identification-2019-3-8', 'network-data-2024-art23'],
  kind: 'consent',
};

const VARIANT = 'withdraw-optional' as const;
/** The variant that refused the optional consents from the start: what the app sends without them. */
const REFUSED = 'refuse-optional' as const;
const AFTER: readonly PhaseName[] = ['login', 'verify', 'delete'];

function evaluate(input: RuleInput): RuleResult {
  const findings: VariantFinding[] = [];
  const statement = input.run.target.testerStatements?.noWithdrawal;
  if (statement) {
    findings.push(
      makeFinding(meta, {
        subject: 'no-withdrawal',
        phase: null,
        variant: null,
        piTypes: [],
        reasoning: `The tester states there is no way to withdraw consent: ${statement}`,
        evidence: { flows: [], observations: [], timeline: [] },
      }),
    );
  }
  const overall = (fs: VariantFinding[]): RuleEvaluation => makeEvaluation(meta, null, null, fs, statement ? 'the tester states there is no way to withdraw' : undefined);
  if (!input.run.variants.includes(VARIANT)) {
    // Named by phase and variant, so that reports list withdrawal as not tested rather than not applicable.
    const untested = AFTER.map((p) => notApplicable(meta, p, VARIANT, `not tested: the run has no ${VARIANT} variant (the scenario has no withdraw step)`));
    return { findings, evaluations: [...(statement ? [overall(findings)] : []), ...untested] };
  }

  const stepEnd = input.timeline.find((e): e is PhaseEndEvent => e.type === 'phase-end' && e.phase === WITHDRAW && e.variant === VARIANT);
  const withdrawals = consents(input.timeline).filter((c) => c.variant === VARIANT && c.phase === WITHDRAW && c.decision === 'withdraw');
  if (stepEnd?.status === 'blocked') {
    findings.push(
      makeFinding(meta, {
        subject: 'withdrawal-blocked',
        phase: null,
        variant: VARIANT,
        piTypes: [],
        reasoning: `The scripted withdrawal was blocked at "${stepEnd.blockedAt ?? 'a step'}" (timeline ${stepEnd.seq}): the way to withdraw the scenario follows did not appear.`,
        evidence: { flows: [], observations: [], timeline: [stepEnd.seq] },
      }),
    );
  }
  const phaseFindings = stepEnd?.status === 'completed' && withdrawals.length ? afterWithdrawal(input, withdrawals) : [];
  const byPhase = evaluationsByPhase(meta, input.run, phaseFindings).filter((e) => e.variant === VARIANT && e.phase && AFTER.includes(e.phase));
  const stepNote = stepEnd ? `withdraw step ${stepEnd.status}` : 'withdraw step did not run';
  const judged =
    stepEnd?.status === 'completed' && withdrawals.length
      ? byPhase
      : byPhase.map((e) => notApplicable(meta, e.phase, e.variant, `${stepNote}${stepEnd?.status === 'completed' ? ', and it withdrew nothing' : ''}: nothing to judge after it`));
  const stepFindings = findings.filter((f) => f.variant === VARIANT);
  return {
    findings: [...findings, ...phaseFindings],
    evaluations: [...(statement ? [overall(findings.filter((f) => f.variant === null))] : []), makeEvaluation(meta, null, VARIANT, stepFindings, stepNote), ...judged],
  };
}

/** A phase blocked only after withdrawal, and PI of a withdrawn subject still sent. */
function afterWithdrawal(input: RuleInput, withdrawals: readonly ConsentEvent[]): VariantFinding[] {
  const out: VariantFinding[] = [];
  const withdrawn = [...new Set(withdrawals.flatMap(subjectsOf))];
  const last = withdrawals[withdrawals.length - 1]!;
  for (const phase of AFTER) {
    const mine = outcomeOf(input.run, VARIANT, phase);
    const all = outcomeOf(input.run, 'accept-all', phase);
    if (mine?.status === 'blocked' && all?.status === 'completed') {
      out.push(
        makeFinding(meta, {
          subject: 'refused-after-withdrawal',
          phase,
          variant: VARIANT,
          piTypes: [],
          reasoning: `After the withdrawal of ${withdrawn.join(', ')} (timeline ${last.seq}), ${phase} was ${describeOutcome(mine)}; under accept-all it completed.`,
          evidence: { flows: [], observations: [], timeline: withdrawals.map((w) => w.seq) },
        }),
      );
    }
  }
  const necessary = necessarySlugsFor(input.catalogs, input.run.target.category);
  const stillSent = judgeable(input).filter((o) => {
    if (o.variant !== VARIANT || !o.phase || !AFTER.includes(o.phase) || Date.parse(o.time) < Date.parse(last.time)) return false;
    if (necessary.has(o.piType)) return false;
    const covering = subjectsCovering(input.catalogs, o.piType).map((s) => s.id);
    // Withdrawn, and no consent still held covers it.
    const held = acceptedAt(input.timeline, VARIANT, o.time);
    return covering.some((s) => withdrawn.includes(s)) && !covering.some((s) => held.has(s));
  });
  for (const obs of groupBy(stillSent, (o) => o.phase!).values()) {
    const first = obs[0]!;
    const piTypes = [...new Set(obs.map((o) => o.piType))];
    out.push(
      makeFinding(meta, {
        subject: 'withdrawn-pi-sent',
        phase: first.phase,
        variant: VARIANT,
        piTypes,
        reasoning: `${piLabels(input.catalogs, piTypes)} still sent in ${first.phase} after the withdrawal of ${withdrawn.join(', ')} (timeline ${last.seq}): ${describeWhere(obs)}.`,
        evidence: { ...citeObservations(obs), timeline: withdrawals.map((w) => w.seq) },
      }),
    );
  }
  return out;
}

/**
 * What the app sent that the rule may hold against a withdrawal. collectedObservations leaves out a sign-in
 * identifier re-sent to the party that holds it (the account), and the type alone cannot tell whether the
 * withdrawn consent or the account sends it (an e-mail kept in a cookie the consent allowed, or the account's
 * own e-mail in its profile form). Such a re-send counts where refuse-optional, which refused the optional
 * consents from the start, completed the phase without sending that type to that party at that place: only
 * the consent can be why it is sent there.
 */
function judgeable(input: RuleInput): AppObservation[] {
  const collected = collectedObservations(input);
  const ids = new Set(collected.map((o) => o.id));
  const sent = sentObservations(input.observations);
  const place = (o: AppObservation) => `${o.phase}|${o.party.domain}|${o.piType}|${o.location}|${o.path}`;
  const underRefusal = new Set(sent.filter((o) => o.variant === REFUSED).map(place));
  const resent = sent.filter(
    (o) =>
      !ids.has(o.id) &&
      isSignIn(input.catalogs, o.piType) &&
      o.phase !== null &&
      outcomeOf(input.run, REFUSED, o.phase)?.status === 'completed' &&
      !underRefusal.has(place(o)),
  );
  return [...collected, ...resent];
}

export const consentWithdrawal: Rule = { meta, evaluate };
