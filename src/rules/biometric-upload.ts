// A face image, face video, voiceprint, fingerprint or hand-held ID photo sent off the device, and to whom.

import type { Rule, RuleMeta } from '../core/rule.ts';
import { biometricUploads, findingsPerHost } from './biometric-uploads.ts';
import { evaluationsByPhase } from './rule-output.ts';

const meta: RuleMeta = {
  id: 'biometric-upload',
  title: { zh: '生物识别信息上传', en: 'Biometric data uploaded' },
  description: {
    zh: '人脸图像、人脸视频、声纹、指纹或手持身份证照片离开设备，按阶段、变体和接收主机各记一项。',
    en: 'A face image, face video, voiceprint, fingerprint or hand-held ID photo leaves the device; one finding per phase, variant and receiving host.',
  },
  severity: 'high',
  clauses: ['face-measures-2025-art8', 'face-measures-2025-art4', 'pipl-art28', 'network-data-2024-art22'],
  kind: 'biometric-upload',
};

export const biometricUpload: Rule = {
  meta,
  evaluate(input) {
    const findings = findingsPerHost(
      meta,
      input,
      biometricUploads(input),
      'Face data is to stay on the device unless the law provides otherwise or the person separately consents (face measures Art. 8).',
    );
    return { findings, evaluations: evaluationsByPhase(meta, input.run, findings) };
  },
};
