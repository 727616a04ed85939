// The app category as a reader knows it: "婚恋交友类 (marriage_dating)" rather than a bare slug.

import type { Catalogs } from '../core/catalog.ts';

export function categoryLabel(catalogs: Catalogs, slug: string, lang: 'zh' | 'en'): string {
  const c = catalogs.categories.find((x) => x.slug === slug);
  return c ? `${lang === 'zh' ? c.zh : c.en} (${slug})` : slug;
}
