// The lab report's section on what servers returned: per response the PI types, the server, the phase
// and the request it answered (method, URL cut to a line, status), with the flow id to find it in the evidence.

import { cutValue } from '../cut-value.ts';
import { escapeHtml as h } from '../html.ts';
import type { ResponseRow } from '../server-responses.ts';
import { lit } from './markup.ts';
import type { Names } from './names.ts';
import { STRINGS, type Lang } from './strings.ts';

const URL_CHARS = 110;

export function renderResponses(rows: readonly ResponseRow[], lang: Lang, nm: Names): string {
  const t = STRINGS[lang];
  const sep = lang === 'zh' ? '、' : ', ';
  const body = rows.map((r, i) => {
    const req = r.request ? lit(`${r.request.method} ${cutValue(r.request.url, URL_CHARS)}${r.status !== undefined ? ` → ${r.status}` : ''}`) : '—';
    const where = [nm.phase(r.phase), ...(r.variant ? [nm.variant(r.variant)] : [])].join(lang === 'zh' ? '，' : ', ');
    return `<tr><td>${i + 1}</td><td>${r.piTypes.map(nm.pi).join(sep)}</td><td>${nm.party(r.party)}</td><td>${where}</td><td class="val">${req}</td><td>${lit(r.flowId)}</td></tr>`;
  });
  return `<section class="responses"><h2>${t.responses}</h2><p class="note">${h(t.responsesIntro)}</p>
  ${rows.length ? `<table class="grid"><thead><tr><th>#</th><th>${t.piType}</th><th>${t.responseServer}</th><th>${t.phase}</th><th>${t.answeredRequest}</th><th>${t.flowId}</th></tr></thead><tbody>${body.join('\n')}</tbody></table>` : `<p>${t.none}</p>`}</section>`;
}
