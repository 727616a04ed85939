// A link to a clause's source: regulations.yaml cites pages as "cac.gov.cn/2021-... (cited, not
// fetched); ...", so the address is the leading host/path token.

import type { Clause } from '../core/catalog.ts';

export function clauseSourceUrl(clause: Clause): string | undefined {
  const m = /^\s*(https?:\/\/)?((?:[a-z0-9-]+\.)+[a-z]{2,}(?:\/[^\s;,()]*)?)/i.exec(clause.source);
  return m ? `${m[1] ?? 'https://'}${m[2]}` : undefined;
}
