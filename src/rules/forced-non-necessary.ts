// The basic function refused because the user declined non-necessary information or a permission.

import type { Rule, RuleInput, RuleMeta } from '../core/rule.ts';
import type { PhaseName } from '../core/phase.ts';
import { baseline } from './necessity.ts';
import { piLabels } from './pi-classes.ts';
import { citeObservations } from './sent-observations.ts';
import { evaluateContrast, type Support } from './variant-contrast.ts';

const meta: RuleMeta = {
  id: 'forced-non-necessary',
  title: { zh: '拒绝非必要个人信息即拒绝提供基本功能', en: 'Basic function refused when non-necessary information is declined' },
  description: {
    zh: '某阶段在全部同意时完成，而在拒绝非必要信息或权限（refuse-optional）时，于拒绝之后被阻断。',
    en: 'A phase completes under accept-all but is blocked under refuse-optional after the user declined an optional item or a permission in that phase.',
  },
  severity: 'high',
  clauses: ['necessary-pi-2021-art4', 'pipl-art16', 'identification-2019-4-2', 'gbt35273-2020-5.3', 'miit-164-2020-2.1'],
  kind: 'forced-consent',
};

/** What the accept-all run of the phase sent beyond the baseline: what the refusal was about. */
function acceptAllExtras(input: RuleInput, phase: PhaseName): Support {
  const base = baseline(input);
  const obs = (base?.outside ?? []).filter((o) => o.variant === 'accept-all' && o.phase === phase);
  const piTypes = [...new Set(obs.map((o) => o.piType))];
  return {
    piTypes,
    ...citeObservations(obs),
    note: piTypes.length ? `Under accept-all the phase sent non-necessary ${piLabels(input.catalogs, piTypes)}.` : '',
  };
}

export const forcedNonNecessary: Rule = {
  meta,
  evaluate: (input) =>
    evaluateContrast(meta, { variant: 'refuse-optional', kinds: ['optional', 'permission'], supporting: acceptAllExtras }, input),
};
