// The lab report as one self-contained HTML page, laid out for A4 printing: cover, summary with the
// PI picture, what servers returned, basis, test items, one nonconformity per distinct finding, method and limits. Every
// sentence is in the report's language; names, values and ids are literals (class "lit").

import { PHASES } from '../../core/phase.ts';
import { clauseArticle } from '../clause-article.ts';
import { escapeHtml as h } from '../html.ts';
import { piByPhase } from '../pi-by-phase.ts';
import { contactedHosts } from '../contacted-hosts.ts';
import { serverResponses } from '../server-responses.ts';
import type { Redactor } from '../redact.ts';
import type { ReportData } from '../report-data.ts';
import { renderCover, type ReportSigning } from './cover.ts';
import { ImageSlots, lit } from './markup.ts';
import { names } from './names.ts';
import { renderNonconformity } from './nonconformity.ts';
import { renderPiSummary } from './pi-summary.ts';
import { renderResponses } from './responses.ts';
import { STRINGS, type Lang } from './strings.ts';
import { testItems } from './test-items.ts';

export interface LabHtmlOptions {
  lang: Lang;
  lab?: string;
  reportNo: string;
  signing?: ReportSigning;
}

export async function renderLabHtml(data: ReportData, redactor: Redactor, opts: LabHtmlOptions): Promise<string> {
  const { lang } = opts;
  const t = STRINGS[lang];
  const { run, findings } = data;
  const nm = names(data.catalogs, lang);
  const images = new ImageSlots();
  const ruleTitle = (id: string): string => {
    const r = data.ruleById.get(id);
    return r ? h(r.title[lang]) : lit(id);
  };
  const items = testItems(data);
  const list = (xs: string[]): string => xs.join(lang === 'zh' ? '、' : ', ');

  const cover = renderCover({ data, redactor, lang, reportNo: opts.reportNo, signing: opts.signing ?? {}, ...(opts.lab ? { lab: opts.lab } : {}) });

  const counts = (['nonconforming', 'waived', 'conforms', 'not-tested', 'not-applicable'] as const).map(
    (v) => `<td class="v-${v}">${t.verdict[v]}: <b>${items.filter((i) => i.verdict === v).length}</b></td>`,
  );
  const contacted = contactedHosts(data.reader);
  const summary = `<section><h2>${t.summary}</h2><table class="summary"><tr>${counts.join('')}</tr></table>
  ${renderPiSummary(piByPhase(run, data.observations.values(), data.catalogs, contacted), lang, nm)}</section>`;
  // Names taken from a list the lab installed (the TrackerDB) carry its source and licence into the report.
  const namedBy = [...new Set([...[...data.observations.values()].map((o) => o.party.namedBy), ...contacted.map((c) => c.party.namedBy)].filter((x): x is string => !!x))];

  const responses = renderResponses(serverResponses(run, data.observations.values(), data.flows), lang, nm);

  const clauseIds = [...new Set(data.findings.rules.filter((r) => findings.evaluations.some((e) => e.ruleId === r.id)).flatMap((r) => r.clauses))];
  const basisRows = clauseIds.map((id) => {
    const c = data.clauses.get(id);
    if (!c) return `<tr><td>${lit(id)}</td><td colspan="4">—</td></tr>`;
    return `<tr class="${c.status === 'draft' ? 'draft' : ''}"><td>${lit(id)}</td><td>${h(c.instrument[lang])}</td><td>${h(clauseArticle(c, lang))}</td><td>${h(c.title[lang])}</td><td>${h(t.clauseStatusName[c.status])}</td></tr>`;
  });
  const basis = `<section class="break"><h2>${t.basis}</h2><p>${h(t.basisIntro)}</p>
  <table class="grid basis"><thead><tr><th>${t.clauseId}</th><th>${t.instrument}</th><th>${t.article}</th><th>${t.clauseTitle}</th><th>${t.clauseStatus}</th></tr></thead>
  <tbody>${basisRows.join('\n')}</tbody></table></section>`;

  const itemRows = items.map(
    (it, i) => `<tr><td>${i + 1}</td><td>${ruleTitle(it.ruleId)}</td><td>${nm.phase(it.phase)}</td><td>${list(it.variants.map(nm.variant)) || '—'}</td><td class="v-${it.verdict}">${t.verdict[it.verdict]}</td><td>${it.findings.length || ''}</td></tr>`,
  );
  const itemsTable = `<section><h2>${t.items}</h2>
  <table class="grid items"><thead><tr><th>#</th><th>${t.rule}</th><th>${t.phase}</th><th>${t.variants}</th><th>${t.result}</th><th>${t.findings}</th></tr></thead>
  <tbody>${itemRows.join('\n')}</tbody></table></section>`;

  const ctx = { data, redactor, lang, names: nm, images };
  const open = findings.findings.filter((f) => !f.waived);
  const waived = findings.findings.filter((f) => f.waived);
  const details: string[] = [];
  for (const [i, f] of open.entries()) details.push(await renderNonconformity(ctx, f, `${i + 1}.`));
  const waivedDetails: string[] = [];
  for (const [i, f] of waived.entries()) waivedDetails.push(await renderNonconformity(ctx, f, `W${i + 1}.`));
  const nonconf = `<section class="break"><h2>${t.nonconformities}</h2>${details.join('\n') || `<p>${t.none}</p>`}</section>
  ${waived.length ? `<section><h2>${t.waivedSection}</h2>${waivedDetails.join('\n')}</section>` : ''}`;

  const variantRows = run.variants.map((v) => {
    const cells = PHASES.map((p) => {
      const o = run.outcomes.find((x) => x.variant === v && x.phase === p);
      return `<td>${o ? `${h(t.outcome[o.status])}${o.blockedAt ? `<br><small>${lit(o.blockedAt)}</small>` : ''}` : '—'}</td>`;
    });
    return `<tr><th>${nm.variant(v)}</th>${cells.join('')}</tr>`;
  });
  const tools = Object.entries(run.tools).map(([k, v]) => `<tr><th>${lit(k)}</th><td>${lit(v)}</td></tr>`);
  const method = `<section class="break"><h2>${t.method}</h2><p>${h(t.methodIntro)}</p>
  <table class="grid"><thead><tr><th>${t.variant}</th>${PHASES.map((p) => `<th>${nm.phase(p)}</th>`).join('')}</tr></thead><tbody>${variantRows.join('')}</tbody></table>
  <table class="kv">
    <tr><th>${t.scenario}</th><td>${lit(run.scenario ?? '—')}</td></tr>
    <tr><th>${t.source}</th><td>${h(t.sourceName[run.source])}</td></tr>
    <tr><th>${t.driver}</th><td>${lit(run.driver ?? '—')}</td></tr>
    <tr><th>${t.engine}</th><td>${lit(run.engine)}</td></tr>
  </table>
  <h3>${t.tools}</h3><table class="kv">${tools.join('')}</table>
  ${namedBy.length ? `<p class="note">${h(t.namedBy)}${namedBy.map(lit).join(lang === 'zh' ? '；' : '; ')}</p>` : ''}
  <h2>${t.limits}</h2><ol class="limits">${t.limitsItems.map((l) => `<li>${h(l)}</li>`).join('')}</ol></section>`;

  const page = `<!doctype html>
<html lang="${lang === 'zh' ? 'zh-CN' : 'en'}"><head><meta charset="utf-8">
<title>${h(t.title)} — ${h(run.target.name)} — ${h(opts.reportNo)}</title>
<style>${CSS}</style></head>
<body>${cover}${summary}${responses}${basis}${itemsTable}${nonconf}${method}</body></html>`;
  // Redact all text first, then put the images in: redaction never sees image bytes.
  return images.fill(redactor.text(page));
}

const CSS = `
@page { size: A4; margin: 18mm 15mm; }
body { font-family: "Noto Serif CJK SC", "Noto Sans CJK SC", "Noto Serif", serif; font-size: 10pt; color: #111; line-height: 1.4; }
h1 { font-size: 20pt; text-align: center; margin: 18mm 0 4mm; }
.reportno { text-align: center; font-size: 12pt; margin-bottom: 8mm; }
h2, h3, h4 { break-after: avoid; }
h2 { font-size: 14pt; border-bottom: 1.5px solid #333; padding-bottom: 2px; margin-top: 8mm; }
h3 { font-size: 11.5pt; margin: 4mm 0 1.5mm; }
h4 { font-size: 10pt; margin: 2mm 0 1mm; }
.cover { page-break-after: always; }
.break { page-break-before: always; }
.incomplete { border: 3px solid #c00; color: #c00; font-weight: bold; padding: 3mm; margin: 4mm 0; font-size: 12pt; text-align: center; }
table { border-collapse: collapse; width: 100%; margin: 1.5mm 0; }
table.kv th { text-align: left; width: 26%; font-weight: 600; vertical-align: top; padding: 1mm 2mm; background: #f3f3f3; border: 1px solid #ccc; }
table.kv td { padding: 1mm 2mm; border: 1px solid #ccc; word-break: break-all; }
table.grid th, table.grid td, table.summary td { border: 1px solid #999; padding: 1mm 1.5mm; vertical-align: top; }
table.grid thead th { background: #e8e8e8; }
table.grid, table.summary { font-size: 9pt; }
table.basis td:first-child, table.basis td:first-child .lit { font-size: 7.5pt; word-break: break-all; width: 22mm; }
table.sigs td { height: 12mm; } table.sigs th:first-child { width: 18%; } table.sigs td.sign { width: 40%; }
tr.draft td { color: #8a5a00; font-style: italic; }
.v-nonconforming { color: #b00; font-weight: bold; }
.v-waived { color: #8a5a00; font-weight: bold; }
.v-conforms { color: #166b16; }
.v-not-tested, .v-not-applicable { color: #666; }
.sev { font-size: 8.5pt; border: 1px solid; border-radius: 3px; padding: 0 4px; margin-left: 4px; }
.sev-critical, .sev-high { color: #b00; }
.finding .kv .note { font-size: 8pt; }
.finding { break-inside: avoid; border-top: 1px solid #bbb; margin-top: 3mm; padding-top: 1mm; }
.evidence { display: flex; gap: 3mm; align-items: flex-start; }
.pics { flex: 0 0 auto; display: flex; gap: 1.5mm; max-width: 62mm; }
.pics figure { margin: 0; }
.pics img { display: block; max-width: 28mm; max-height: 48mm; border: 1px solid #999; }
.pics img.upload { max-width: 22mm; max-height: 26mm; }
figcaption { font-size: 7.5pt; color: #444; }
.reqs { flex: 1 1 auto; min-width: 0; }
.reqline { font-family: "DejaVu Sans Mono", monospace; font-size: 8pt; word-break: break-all; background: #eef; padding: 1mm; }
table.vals td, table.vals th { font-size: 8pt; padding: 0.6mm 1mm; }
td.val { font-family: "DejaVu Sans Mono", "Noto Sans Mono CJK SC", monospace; word-break: break-all; }
pre { font-family: "Noto Sans Mono CJK SC", "DejaVu Sans Mono", monospace; font-size: 7.5pt; white-space: pre-wrap; word-break: break-all; background: #f7f7f7; border: 1px solid #ddd; padding: 1mm 1.5mm; margin: 1mm 0; }
mark { background: #ffe066; font-weight: bold; }
.ref { font-size: 8pt; color: #333; margin: 1mm 0 0; word-break: break-all; }
.note { color: #444; font-size: 8.5pt; }
table.bars { width: 100%; } table.bars th { width: 18%; text-align: left; font-weight: normal; padding: 0.5mm 2mm 0.5mm 0; }
td.bar { padding: 0.5mm 0; }
.seg { display: inline-block; color: #fff; font-size: 8pt; text-align: center; padding: 0.3mm 0; }
.seg.legend { padding: 0.3mm 2mm; }
.b-necessary { background: #3a7d44; } .b-beyond { background: #d9822b; } .b-biometric { background: #b3261e; }
td.b-necessary, td.b-beyond, td.b-biometric { color: #fff; }
td.dot { text-align: center; }
ol.limits li { margin-bottom: 1mm; }
`;
