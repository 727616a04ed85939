// A clause's article in one language: regulations.yaml writes both, "第三条 (Art. 3)".

import type { Clause } from '../core/catalog.ts';

export function clauseArticle(clause: Clause, lang: 'zh' | 'en'): string {
  const m = /^(.*?)\s*\(([^()]*)\)\s*$/.exec(clause.article);
  if (!m) return clause.article;
  return lang === 'zh' ? m[1]! : m[2]!;
}
