// Biometrics uploaded with no separate consent (单独同意) to the biometric processing recorded before it.

import type { AppObservation } from '../core/observation.ts';
import type { Rule, RuleInput, RuleMeta, RuleResult } from '../core/rule.ts';
import type { ConsentEvent } from '../core/timeline.ts';
import { biometricUploads } from './biometric-uploads.ts';
import { piLabels } from './pi-classes.ts';
import { evaluationsByPhase, makeFinding } from './rule-output.ts';
import { consents } from './run-facts.ts';
import { citeObservations, describeWhere, groupBy } from './sent-observations.ts';

const meta: RuleMeta = {
  id: 'biometric-no-separate-consent',
  title: { zh: '生物识别信息未取得单独同意', en: 'Biometric data without separate consent' },
  description: {
    zh: '生物识别信息上传前，同一阶段和变体中没有针对人脸或生物识别的同意记录，且App未声明单独同意。',
    en: 'Biometric data is uploaded with no consent to face or biometric processing recorded earlier in the same phase and variant, and the app declares no separate consent.',
  },
  severity: 'high',
  clauses: ['pipl-art29', 'pipl-art14', 'face-measures-2025-art6', 'face-measures-2025-art5', 'network-data-2024-art22'],
  kind: 'consent',
};

/** Consent subjects that are about biometric processing (the scenario names them freely). */
const BIOMETRIC_SUBJECT = /face|biometric|voice|fingerprint|liveness|人脸|生物|声纹|指纹|活体/i;

function consentedBefore(o: AppObservation, accepted: readonly ConsentEvent[]): boolean {
  const at = Date.parse(o.time);
  return accepted.some((c) => c.phase === o.phase && c.variant === o.variant && Date.parse(c.time) <= at);
}

function evaluate(input: RuleInput): RuleResult {
  const declared = input.run.target.declarations?.faceSeparateConsent;
  if (declared === true) {
    return { findings: [], evaluations: evaluationsByPhase(meta, input.run, []).map((e) => ({ ...e, reason: 'the app declares separate consent for the face step' })) };
  }
  const accepted = consents(input.timeline).filter((c) => c.decision === 'accept' && BIOMETRIC_SUBJECT.test(c.subject));
  const unconsented = biometricUploads(input).filter((o) => !consentedBefore(o, accepted));
  const findings = [...groupBy(unconsented, (o) => `${o.variant}/${o.phase}`).values()].map((obs) => {
    const first = obs[0]!;
    const piTypes = [...new Set(obs.map((o) => o.piType))];
    const hosts = [...new Set(obs.map((o) => o.party.host))];
    return makeFinding(meta, {
      subject: 'biometric',
      phase: first.phase,
      variant: first.variant,
      piTypes,
      reasoning:
        `${piLabels(input.catalogs, piTypes)} went to ${hosts.join(', ')} in ${first.phase ?? 'no phase'} (${first.variant ?? 'no variant'}) ` +
        `(${describeWhere(obs)}) with no accepted face/biometric consent recorded before it in that phase; ` +
        (declared === false ? 'the app declares no separate consent.' : 'the app declares nothing about separate consent.'),
      evidence: { ...citeObservations(obs), timeline: [] },
      ...(declared === undefined ? { restsOnMissingDeclaration: true } : {}),
    });
  });
  return { findings, evaluations: evaluationsByPhase(meta, input.run, findings) };
}

export const biometricNoSeparateConsent: Rule = { meta, evaluate };
