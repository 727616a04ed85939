// One nonconformity as printed: what was found, the clause, the facts in the report's language, the
// decisive evidence and where the full evidence is. Sized to fit one page.

import type { Finding } from '../../core/finding.ts';
import { clauseArticle } from '../clause-article.ts';
import { escapeHtml as h } from '../html.ts';
import type { Redactor } from '../redact.ts';
import type { ReportData } from '../report-data.ts';
import { decisiveEvidence } from './decisive-evidence.ts';
import { lit, marked, type ImageSlots } from './markup.ts';
import type { Names } from './names.ts';
import { STRINGS, type Lang } from './strings.ts';

export interface NonconformityContext {
  data: ReportData;
  redactor: Redactor;
  lang: Lang;
  names: Names;
  images: ImageSlots;
}

export async function renderNonconformity(ctx: NonconformityContext, f: Finding, n: string): Promise<string> {
  const { data, lang, names: nm, images } = ctx;
  const t = STRINGS[lang];
  const rule = data.ruleById.get(f.ruleId);
  const clauses = clauseList(data, f.clauses, lang);
  const facts = t.facts({
    phase: nm.phase(f.phase),
    variants: f.variants.map(nm.variant),
    notHeldIn: f.notHeldIn.map(nm.variant),
    piTypes: f.piTypes.map(nm.pi),
    ...(f.party ? { receiver: nm.party(f.party) } : {}),
    blocked: f.variants.flatMap((v) => {
      const o = data.run.outcomes.find((x) => x.phase === f.phase && x.variant === v);
      return o?.status === 'blocked' && o.blockedAt ? [`${nm.variant(v)}${lang === 'zh' ? '：' : ': '}${lit(o.blockedAt)}`] : [];
    }),
  });
  const ev = await decisiveEvidence(data, f, ctx.redactor);
  const flowBlocks = ev.flows.map((fl) => {
    const rows = fl.values.map((v) => `<tr><td>${nm.pi(v.piType)}</td><td>${lit(v.where)}</td><td class="val">${lit(v.value)}</td></tr>`);
    return `<div class="req"><div class="reqline">${lit(`${fl.flowId}  ${fl.requestLine}`)}</div>
  ${rows.length ? `<table class="grid vals"><thead><tr><th>${t.piType}</th><th>${t.where}</th><th>${t.value}</th></tr></thead><tbody>${rows.join('')}</tbody></table>` : ''}
  ${fl.moreValues ? `<p class="note">${h(t.moreValues(fl.moreValues))}</p>` : ''}
  ${fl.lines.length ? `<pre class="lit">${fl.lines.map(marked).join('\n')}</pre>` : ''}</div>`;
  });
  const pictures = [
    ...(ev.screen ? [`<figure>${images.img(ev.screen, 'image/jpeg', 'screen')}<figcaption>${t.screenAtRequest}</figcaption></figure>`] : []),
    ...ev.images.map((b) => `<figure>${images.img(b, 'image/jpeg', 'upload')}<figcaption>${t.faceImages}</figcaption></figure>`),
  ];
  const ref = t.evidenceRefText({
    flows: list(ev.refs.flows),
    bodies: list(ev.refs.bodies.map(shortSha)),
    screens: list(ev.refs.screenshots.map(shortSha)),
  });
  return `<article class="finding">
  <h3>${h(n)} ${h(f.title[lang])} <span class="sev sev-${f.severity}">${t.severityName[f.severity]}</span></h3>
  <table class="kv">
    <tr><th>${t.clauses}</th><td>${clauses}</td></tr>
    <tr><th>${t.reasoning}</th><td>${facts}${rule ? `<br><span class="note">${t.criterion}${lang === 'zh' ? '：' : ': '}${h(rule.description[lang])}</span>` : ''}</td></tr>
    ${f.waived ? `<tr><th>${t.waiver}</th><td>${lit(f.waived.justification)}${f.waived.by ? ` (${lit(f.waived.by)})` : ''}</td></tr>` : ''}
  </table>
  ${f.restsOnMissingDeclaration ? `<p class="note">${h(t.missingDeclaration)}</p>` : ''}
  <h4>${t.decisive}</h4>
  <div class="evidence">${pictures.length ? `<div class="pics">${pictures.join('')}</div>` : ''}<div class="reqs">${flowBlocks.join('') || `<p class="note">${t.none}</p>`}</div></div>
  ${ctx.redactor.omitsScreenshots ? `<p class="note">${h(t.screenshotsOmitted)}</p>` : ''}
  <p class="ref"><b>${t.evidenceRef}</b>${lang === 'zh' ? '：' : ': '}${ref}</p>
</article>`;
}

/** Clauses grouped by instrument, articles after it: the full titles are in the basis section. */
function clauseList(data: ReportData, ids: string[], lang: Lang): string {
  const t = STRINGS[lang];
  const byInstrument = new Map<string, string[]>();
  for (const id of ids) {
    const c = data.clauses.get(id);
    const name = c ? c.instrument[lang].replace(/\s*[（(][^（()）]*[)）]\s*$/, '') : '';
    const article = c ? `${h(clauseArticle(c, lang))}${c.status === 'draft' ? ` [${t.clauseStatusName.draft}]` : ''}` : lit(id);
    byInstrument.set(name, [...(byInstrument.get(name) ?? []), article]);
  }
  const quote = (n: string): string => (n ? (lang === 'zh' ? `《${h(n)}》` : `${h(n)} `) : '');
  return [...byInstrument].map(([name, arts]) => `${quote(name)}${arts.join(lang === 'zh' ? '、' : ', ')}`).join(lang === 'zh' ? '；' : '; ');
}

/** Ids and hashes as literals, at most four, then a count. */
function list(items: string[]): string {
  if (!items.length) return '—';
  const shown = items.slice(0, 4).map(lit).join(', ');
  return items.length > 4 ? `${shown} (+${items.length - 4})` : shown;
}

/** bodies/<sha256> and screenshots/<sha256>.png by the first 12 hex digits: enough to find the file. */
function shortSha(rel: string): string {
  return rel.replace(/([0-9a-f]{12})[0-9a-f]{52}/, '$1…');
}
