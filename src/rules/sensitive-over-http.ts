// Sensitive PI carried over plain HTTP, readable by anyone on the path.

import type { Rule, RuleInput, RuleMeta, RuleResult } from '../core/rule.ts';
import { describeParty } from './party.ts';
import { isSensitive, piLabels } from './pi-classes.ts';
import { findingsPerReceiver } from './per-receiver.ts';
import { evaluationsByPhase } from './rule-output.ts';
import { describeWhere, MIN_CONFIDENCE } from './sent-observations.ts';

const meta: RuleMeta = {
  id: 'sensitive-over-http',
  title: { zh: '敏感个人信息明文传输', en: 'Sensitive PI sent over plain HTTP' },
  description: {
    zh: '敏感个人信息经未加密的 http:// 传输（请求或响应），按阶段、变体和主机各记一项。',
    en: 'Sensitive PI travels over unencrypted http:// (request or response); one finding per phase, variant and host.',
  },
  severity: 'high',
  clauses: ['pipl-art28', 'gbt35273-2020-5.2'],
  kind: 'transport',
};

function evaluate(input: RuleInput): RuleResult {
  // Both directions: a sensitive value the server sends back in clear is exposed just the same.
  const exposed = input.observations.filter(
    (o) => o.insecure === true && o.party.kind !== 'harness' && o.confidence >= MIN_CONFIDENCE && isSensitive(input.catalogs, o.piType),
  );
  const findings = findingsPerReceiver(meta, exposed, ({ first, piTypes, obs }) => ({
    reasoning: `Sensitive ${piLabels(input.catalogs, piTypes)} crossed plain http:// with ${describeParty(first.party)} in ${first.phase ?? 'no phase'} (${first.variant ?? 'no variant'}): ${describeWhere(obs)}.`,
  }));
  return { findings, evaluations: evaluationsByPhase(meta, input.run, findings) };
}

export const sensitiveOverHttp: Rule = { meta, evaluate };
