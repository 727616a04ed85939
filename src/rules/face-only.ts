// Face (or other biometric) recognition as the only way through a phase: declining it blocks the phase.

import type { PhaseName } from '../core/phase.ts';
import type { Rule, RuleInput, RuleMeta } from '../core/rule.ts';
import { isBiometric, piLabels } from './pi-classes.ts';
import { citeObservations, sentObservations } from './sent-observations.ts';
import { evaluateContrast, type Support } from './variant-contrast.ts';

const meta: RuleMeta = {
  id: 'face-only',
  title: { zh: '人脸识别作为唯一验证方式', en: 'Face recognition as the only way' },
  description: {
    zh: '某阶段在全部同意时完成，而在拒绝人脸等生物识别（refuse-biometric）时，于拒绝之后被阻断，未提供其他合理便捷的方式。',
    en: 'A phase completes under accept-all but is blocked under refuse-biometric after the user declined the biometric step: no reasonable alternative was offered.',
  },
  severity: 'high',
  clauses: ['face-measures-2025-art10', 'face-measures-2025-art4', 'spc-face-2021-art4', 'pipl-art16', 'pipl-art28'],
  kind: 'face-only',
};

/** The biometrics the accept-all run of the phase sent: what the only way demanded. */
function acceptAllBiometrics(input: RuleInput, phase: PhaseName): Support {
  const obs = sentObservations(input.observations).filter(
    (o) => o.variant === 'accept-all' && o.phase === phase && isBiometric(input.catalogs, o.piType),
  );
  const piTypes = [...new Set(obs.map((o) => o.piType))];
  return {
    piTypes,
    ...citeObservations(obs),
    note: piTypes.length ? `Under accept-all the phase sent ${piLabels(input.catalogs, piTypes)}.` : '',
  };
}

export const faceOnly: Rule = {
  meta,
  evaluate: (input) => evaluateContrast(meta, { variant: 'refuse-biometric', kinds: ['biometric'], supporting: acceptAllBiometrics }, input),
};
