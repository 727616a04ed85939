// The kinds of violation a lab groups its findings by, named for readers (Allure categories, lab report).

import type { Bilingual } from '../core/finding.ts';
import type { FindingKind } from '../core/rule.ts';

export const KIND_LABELS: Record<FindingKind, Bilingual> = {
  'over-collection': { zh: '超范围收集个人信息', en: 'Over-collection beyond the necessary scope' },
  'forced-consent': { zh: '拒绝非必要信息即拒绝服务', en: 'Basic function refused without non-necessary information' },
  'face-only': { zh: '人脸识别为唯一验证方式', en: 'Face recognition as the only way through' },
  'biometric-upload': { zh: '人脸等生物识别信息上传', en: 'Face or other biometric data uploaded' },
  'third-party': { zh: '向第三方提供个人信息', en: 'Personal information sent to third parties' },
  consent: { zh: '未经同意收集个人信息', en: 'Collection before or without consent' },
  cancellation: { zh: '账号注销问题', en: 'Account cancellation problems' },
  transport: { zh: '个人信息明文传输', en: 'Personal information sent unencrypted' },
};
