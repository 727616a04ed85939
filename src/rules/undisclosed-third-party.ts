// PI received by a third party that the app's declarations do not name.

import type { Party } from '../core/observation.ts';
import type { Rule, RuleInput, RuleMeta, RuleResult } from '../core/rule.ts';
import type { Declarations } from '../core/target.ts';
import { describeParty } from './party.ts';
import { piLabels, severityBySensitivity } from './pi-classes.ts';
import { findingsPerReceiver } from './per-receiver.ts';
import { evaluationsByPhase } from './rule-output.ts';
import { collectedObservations, describeWhere } from './sent-observations.ts';

const meta: RuleMeta = {
  id: 'undisclosed-third-party',
  title: { zh: '向未披露的第三方提供个人信息', en: 'Personal information sent to an undisclosed third party' },
  description: {
    zh: '第三方主机收到个人信息，而App的声明未以供应商标识、名称或域名列出该第三方。含敏感个人信息为高，其余为中。',
    en: "A third-party host receives PI and the app's declarations do not name it by vendor id, name or domain. High when sensitive PI is among it, else medium.",
  },
  severity: 'high',
  clauses: ['pipl-art23', 'identification-2019-5-1', 'network-data-2024-art21', 'miit-164-2020-1.3', 'gbt41391-2022-6.6'],
  kind: 'third-party',
};

function hostUnder(host: string, domain: string): boolean {
  const h = host.toLowerCase();
  const d = domain.toLowerCase().replace(/^\*?\./, '');
  return h === d || h.endsWith(`.${d}`);
}

/** Whether a declared third party is this party: same vendor id, same name, or a domain covering the host. */
export function isDeclared(party: Party, declarations: Declarations | undefined): boolean {
  const names = [party.vendor, party.organisation, party.host, party.domain].filter(Boolean).map((n) => n!.toLowerCase());
  return (declarations?.thirdParties ?? []).some(
    (t) =>
      (t.vendor !== undefined && t.vendor === party.vendor) ||
      names.includes(t.name.toLowerCase()) ||
      (t.domains ?? []).some((d) => hostUnder(party.host, d)),
  );
}

function evaluate(input: RuleInput): RuleResult {
  const declarations = input.run.target.declarations;
  const missing = declarations?.thirdParties === undefined;
  const undisclosed = collectedObservations(input).filter(
    (o) => o.party.kind === 'third' && !isDeclared(o.party, declarations),
  );
  const findings = findingsPerReceiver(meta, undisclosed, ({ first, piTypes, obs }) => ({
    severity: severityBySensitivity(input.catalogs, piTypes),
    reasoning:
      `${describeParty(first.party)} received ${piLabels(input.catalogs, piTypes)} in ${first.phase ?? 'no phase'} (${first.variant ?? 'no variant'}): ${describeWhere(obs)}; ` +
      (missing ? 'the app declares no third parties at all.' : 'no declared third party matches its vendor, name or domain.'),
    ...(missing ? { restsOnMissingDeclaration: true } : {}),
  }));
  return { findings, evaluations: evaluationsByPhase(meta, input.run, findings) };
}

export const undisclosedThirdParty: Rule = { meta, evaluate };
