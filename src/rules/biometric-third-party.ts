// Biometrics sent to a third party (a face cloud, a KYC vendor), not to the app's own servers.

import type { Rule, RuleMeta } from '../core/rule.ts';
import { biometricUploads, findingsPerHost } from './biometric-uploads.ts';
import { evaluationsByPhase } from './rule-output.ts';

const meta: RuleMeta = {
  id: 'biometric-third-party',
  title: { zh: '生物识别信息提供给第三方', en: 'Biometric data sent to a third party' },
  description: {
    zh: '生物识别信息由客户端直接发送给第三方主机，按阶段、变体和接收主机各记一项。',
    en: 'Biometric data is sent by the client straight to a third-party host; one finding per phase, variant and receiving host.',
  },
  severity: 'high',
  clauses: ['pipl-art23', 'pipl-art29', 'face-measures-2025-art8', 'identification-2019-5-1', 'gbt41391-2022-6.6'],
  kind: 'third-party',
};

export const biometricThirdParty: Rule = {
  meta,
  evaluate(input) {
    const uploads = biometricUploads(input).filter((o) => o.party.kind === 'third');
    const findings = findingsPerHost(
      meta,
      input,
      uploads,
      'The receiver is not the app operator: providing PI to another processor needs notice of the recipient and separate consent (PIPL Art. 23, 29).',
    );
    return { findings, evaluations: evaluationsByPhase(meta, input.run, findings) };
  },
};
