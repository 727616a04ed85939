// categories.json: one Allure category per kind of violation. Allure 2 files a test under the first
// category whose regex matches its whole status message, and inside a category groups tests by that
// message: so a message is "[<kind>] <rule title>", and the finding's own reasoning goes in the trace.

import type { Bilingual } from '../../core/finding.ts';
import type { Category } from 'allure-js-commons/sdk';
import { Status } from 'allure-js-commons';
import { FINDING_KINDS, type FindingKind } from '../../core/rule.ts';
import { KIND_LABELS } from '../kinds.ts';

export const WAIVED_PREFIX = 'waived:';

/** The status message of a failed or waived test: its kind, then its rule (one group per rule). */
export function violationMessage(kind: FindingKind, ruleTitle: Bilingual): string {
  return `[${kind}] ${ruleTitle.zh} · ${ruleTitle.en}`;
}

export function allureCategories(): Category[] {
  const byKind: Category[] = FINDING_KINDS.map((kind) => ({
    name: `${KIND_LABELS[kind].zh} · ${KIND_LABELS[kind].en}`,
    messageRegex: `(?s)\\[${kind}\\].*`,
    matchedStatuses: [Status.FAILED],
  }));
  return [
    ...byKind,
    { name: '已豁免 · Waived by a reviewer', messageRegex: `(?s)${WAIVED_PREFIX}.*`, matchedStatuses: [Status.SKIPPED] },
    { name: '测试未完成 · Harness problems', matchedStatuses: [Status.BROKEN] },
  ];
}
