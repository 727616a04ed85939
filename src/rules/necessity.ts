// The category baseline: which sent observations fall outside the app category's necessary PI.

import { findCategory, necessarySlugsFor } from '../core/catalog-loader.ts';
import type { Category } from '../core/catalog.ts';
import type { AppObservation } from '../core/observation.ts';
import type { RuleInput } from '../core/rule.ts';
import { collectedObservations } from './sent-observations.ts';

export interface Baseline {
  category: Category;
  necessary: Set<string>;
  /** Collected observations to first or third parties whose type is not necessary. */
  outside: AppObservation[];
}

/** undefined when the target's category is not in the catalog. */
export function baseline(input: RuleInput): Baseline | undefined {
  const slug = input.run.target.category;
  if (!input.catalogs.categories.some((c) => c.slug === slug)) return undefined;
  const category = findCategory(input.catalogs, slug);
  const necessary = necessarySlugsFor(input.catalogs, category.slug);
  const outside = collectedObservations(input).filter(
    (o) => (o.party.kind === 'first' || o.party.kind === 'third') && !necessary.has(o.piType),
  );
  return { category, necessary, outside };
}

/** "marriage_dating (婚恋相亲类) needs only age, gender, ..." */
export function describeBaseline(b: Baseline): string {
  const list = [...b.necessary].sort().join(', ');
  return `${b.category.slug} (${b.category.zh}) needs only ${list || 'no personal information'}`;
}
