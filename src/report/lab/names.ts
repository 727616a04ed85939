// Catalog things by their names in the report's language (as HTML): PI types, phases, variants, parties.

import type { Catalogs } from '../../core/catalog.ts';
import type { Party } from '../../core/observation.ts';
import type { StepName } from '../../core/phase.ts';
import { escapeHtml as h } from '../html.ts';
import { lit } from './markup.ts';
import { STRINGS, type Lang } from './strings.ts';

export interface Names {
  /** PI type by its catalog name; an unknown slug stays as a literal. */
  pi(slug: string): string;
  phase(p: StepName | null): string;
  variant(v: string): string;
  /** HTML: host, what kind of party, and the organisation when known. */
  party(p: Party): string;
}

export function names(catalogs: Catalogs, lang: Lang): Names {
  const t = STRINGS[lang];
  const pi = new Map(catalogs.piTypes.map((p) => [p.slug, lang === 'zh' ? p.zh : p.en]));
  const sep = lang === 'zh' ? '，' : ', ';
  return {
    pi: (slug) => {
      const name = pi.get(slug);
      return name ? h(name) : lit(slug);
    },
    phase: (p) => t.phaseName[p ?? 'run'],
    variant: (v) => t.variantName[v as keyof typeof t.variantName] ?? lit(v),
    party: (p) => {
      const extra = [t.partyKindName[p.kind], ...(p.organisation ? [lit(p.organisation)] : [])].join(sep);
      return lang === 'zh' ? `${lit(p.host)}（${extra}）` : `${lit(p.host)} (${extra})`;
    },
  };
}
