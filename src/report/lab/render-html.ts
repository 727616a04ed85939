// The lab report as one self-contained HTML page, laid out for A4 printing. Screenshots are
// embedded as data URLs after redaction, so redaction never touches image bytes.

import { readFileSync } from 'node:fs';
import type { Finding } from '../../core/finding.ts';
import { PHASES, type PhaseName } from '../../core/phase.ts';
import { categoryLabel } from '../category-label.ts';
import { decodingChain, findingExcerpts, findingObservations } from '../evidence-text.ts';
import { MARK_CLOSE, MARK_OPEN } from '../excerpt.ts';
import { escapeHtml as h } from '../html.ts';
import type { Redactor } from '../redact.ts';
import { findingScreenshots, screenshotFile, type ReportData } from '../report-data.ts';
import { combineVerdicts, evaluationVerdict, type Verdict } from '../verdict.ts';
import { STRINGS, type Lang } from './strings.ts';

export interface LabHtmlOptions {
  lang: Lang;
  lab?: string;
}

interface TestItem {
  ruleId: string;
  phase: PhaseName | null;
  verdict: Verdict;
  variants: string[];
  findings: Finding[];
}

/** One item per rule and phase; its verdict is the strongest over the variants. */
export function testItems(data: ReportData): TestItem[] {
  const items = new Map<string, TestItem & { verdicts: Verdict[] }>();
  for (const ev of data.findings.evaluations) {
    const key = `${ev.ruleId}|${ev.phase ?? ''}`;
    let it = items.get(key);
    if (!it) items.set(key, (it = { ruleId: ev.ruleId, phase: ev.phase, verdict: 'not-applicable', variants: [], findings: [], verdicts: [] }));
    it.verdicts.push(evaluationVerdict(ev, data.findingById));
    if (ev.variant && !it.variants.includes(ev.variant)) it.variants.push(ev.variant);
    for (const id of ev.findingIds) {
      const f = data.findingById.get(id);
      if (f && !it.findings.includes(f)) it.findings.push(f);
    }
  }
  const ruleOrder = data.findings.rules.map((r) => r.id);
  const phaseOrder = (p: PhaseName | null): number => (p ? PHASES.indexOf(p) : PHASES.length);
  return [...items.values()]
    .map(({ verdicts, ...it }) => ({ ...it, verdict: combineVerdicts(verdicts) }))
    .sort((a, b) => phaseOrder(a.phase) - phaseOrder(b.phase) || ruleOrder.indexOf(a.ruleId) - ruleOrder.indexOf(b.ruleId));
}

export async function renderLabHtml(data: ReportData, redactor: Redactor, opts: LabHtmlOptions): Promise<string> {
  const t = STRINGS[opts.lang];
  const { run, findings } = data;
  const images: string[] = [];
  const img = (file: string): string => {
    images.push(`data:image/png;base64,${readFileSync(file).toString('base64')}`);
    return `<img src="@@IMG${images.length - 1}@@" alt="">`;
  };
  const phaseName = (p: PhaseName | null): string => t.phaseName[p ?? 'run'];
  const ruleTitle = (id: string): string => {
    const r = data.ruleById.get(id);
    return r ? r.title[opts.lang] : id;
  };
  const items = testItems(data);
  const date = (iso: string | undefined): string => (iso ? iso.slice(0, 10) : '—');

  const cover = `
<section class="cover">
  <h1>${h(t.title)}</h1>
  ${run.complete ? '' : `<div class="incomplete">⚠ ${h(t.incomplete)}${run.incompleteReason ? `<br>${h(run.incompleteReason)}` : ''}</div>`}
  <table class="kv">
    <tr><th>${t.app}</th><td>${h(run.target.name)}</td></tr>
    <tr><th>${t.version}</th><td>${h(run.target.version ?? '—')}</td></tr>
    <tr><th>${t.category}</th><td>${h(categoryLabel(data.catalogs, run.target.category, opts.lang))}</td></tr>
    <tr><th>${t.platform}</th><td>${h(run.target.platform)}</td></tr>
    <tr><th>${t.testDate}</th><td>${date(run.startedAt)}</td></tr>
    <tr><th>${t.reportDate}</th><td>${date(findings.generatedAt)}</td></tr>
    <tr><th>${t.lab}</th><td>${h(opts.lab ?? '—')}</td></tr>
    <tr><th>${t.runId}</th><td class="mono">${h(run.id)}</td></tr>
    <tr><th>${t.manifest}</th><td class="mono">${h(data.manifestSha256 ?? t.notSealed)}</td></tr>
    <tr><th>${t.tool}</th><td>privlab ${h(run.privlabVersion)}</td></tr>
  </table>
  <p class="note">${redactor.keyed ? `${h(t.redactedNote)} ` : ''}${h(t.secretsNote)}</p>
</section>`;

  const counts = (['nonconforming', 'waived', 'conforms', 'not-applicable'] as const).map(
    (v) => `<td class="v-${v}">${t.verdict[v]}: <b>${items.filter((i) => i.verdict === v).length}</b></td>`,
  );
  const summary = `<section><h2>${t.summary}</h2><table class="summary"><tr>${counts.join('')}</tr></table></section>`;

  const clauseIds = [...new Set(data.findings.rules.filter((r) => findings.evaluations.some((e) => e.ruleId === r.id)).flatMap((r) => r.clauses))];
  const basisRows = clauseIds.map((id) => {
    const c = data.clauses.get(id);
    if (!c) return `<tr><td class="mono">${h(id)}</td><td colspan="4">—</td></tr>`;
    return `<tr class="${c.status === 'draft' ? 'draft' : ''}"><td class="mono">${h(id)}</td><td>${h(c.instrument[opts.lang])}</td><td>${h(String(c.article))}</td><td>${h(c.title[opts.lang])}</td><td>${h(t.clauseStatusName[c.status])}</td></tr>`;
  });
  const basis = `<section><h2>${t.basis}</h2><p>${h(t.basisIntro)}</p>
  <table class="grid"><thead><tr><th>${t.clauseId}</th><th>${t.instrument}</th><th>${t.article}</th><th>${t.clauseTitle}</th><th>${t.clauseStatus}</th></tr></thead>
  <tbody>${basisRows.join('\n')}</tbody></table></section>`;

  const itemRows = items.map(
    (it, i) => `<tr><td>${i + 1}</td><td>${h(ruleTitle(it.ruleId))}</td><td>${h(phaseName(it.phase))}</td><td>${h(it.variants.map((v) => t.variantName[v as keyof typeof t.variantName] ?? v).join('、') || '—')}</td><td class="v-${it.verdict}">${t.verdict[it.verdict]}</td><td>${it.findings.length || ''}</td></tr>`,
  );
  const itemsTable = `<section><h2>${t.items}</h2>
  <table class="grid items"><thead><tr><th>#</th><th>${t.rule}</th><th>${t.phase}</th><th>${t.variants}</th><th>${t.result}</th><th>${t.findings}</th></tr></thead>
  <tbody>${itemRows.join('\n')}</tbody></table></section>`;

  const detail = async (f: Finding, n: string): Promise<string> => {
    const party = f.party ? `${f.party.host} (${f.party.kind}${f.party.organisation ? `, ${f.party.organisation}` : ''})` : '';
    const clauses = f.clauses.map((id) => {
      const c = data.clauses.get(id);
      return c ? `${c.instrument[opts.lang]} ${c.article}${c.status === 'draft' ? ` [${t.clauseStatusName.draft}]` : ''}` : id;
    });
    const shots = redactor.omitsScreenshots
      ? `<p class="note">${h(t.screenshotsOmitted)}</p>`
      : findingScreenshots(data, f)
          .map((rel) => screenshotFile(data, rel))
          .filter((p): p is string => p !== undefined)
          .map((p) => img(p))
          .join('');
    const excerpts = (await findingExcerpts(data, f)).map((ex) => `<h4>${h(ex.title)}</h4><pre>${marked(ex.text)}</pre>`).join('');
    const chain = decodingChain(findingObservations(data, f));
    return `<article class="finding">
  <h3>${n} ${h(f.title[opts.lang])} <span class="sev sev-${f.severity}">${t.severityName[f.severity]}</span></h3>
  <table class="kv">
    <tr><th>${t.phase}</th><td>${h(phaseName(f.phase))}${f.variants.length ? ` · ${h(f.variants.map((v) => t.variantName[v]).join('、'))}` : ''}</td></tr>
    <tr><th>${t.piTypes}</th><td>${h(f.piTypes.join(', ') || '—')}</td></tr>
    ${party ? `<tr><th>${t.receiver}</th><td>${h(party)}</td></tr>` : ''}
    <tr><th>${t.clauses}</th><td>${h(clauses.join('；'))}</td></tr>
    <tr><th>${t.reasoning}</th><td>${h(f.reasoning)}</td></tr>
    ${f.waived ? `<tr><th>${t.waiver}</th><td>${h(f.waived.justification)}${f.waived.by ? ` (${h(f.waived.by)})` : ''}</td></tr>` : ''}
  </table>
  ${f.restsOnMissingDeclaration ? `<p class="note">${h(t.missingDeclaration)}</p>` : ''}
  ${shots ? `<h4>${t.screenshots}</h4><div class="shots">${shots}</div>` : ''}
  ${excerpts ? `<h4>${t.requests}</h4>${excerpts}` : ''}
  ${chain ? `<h4>${t.chain}</h4><pre>${marked(chain)}</pre>` : ''}
</article>`;
  };
  const open = findings.findings.filter((f) => !f.waived);
  const waived = findings.findings.filter((f) => f.waived);
  const details: string[] = [];
  for (const [i, f] of open.entries()) details.push(await detail(f, `${i + 1}.`));
  const waivedDetails: string[] = [];
  for (const [i, f] of waived.entries()) waivedDetails.push(await detail(f, `W${i + 1}.`));
  const nonconf = `<section class="break"><h2>${t.nonconformities}</h2>${details.join('\n') || `<p>${t.none}</p>`}</section>
  ${waived.length ? `<section><h2>${t.waivedSection}</h2>${waivedDetails.join('\n')}</section>` : ''}`;

  const variantRows = run.variants.map((v) => {
    const cells = PHASES.map((p) => {
      const o = run.outcomes.find((x) => x.variant === v && x.phase === p);
      return `<td>${o ? `${t.outcome[o.status]}${o.blockedAt ? `<br><small>${h(o.blockedAt)}</small>` : ''}` : '—'}</td>`;
    });
    return `<tr><th>${h(t.variantName[v])}</th>${cells.join('')}</tr>`;
  });
  const tools = Object.entries(run.tools).map(([k, v]) => `<tr><th>${h(k)}</th><td>${h(v)}</td></tr>`);
  const method = `<section class="break"><h2>${t.method}</h2><p>${h(t.methodIntro)}</p>
  <table class="grid"><thead><tr><th>${t.variant}</th>${PHASES.map((p) => `<th>${t.phaseName[p]}</th>`).join('')}</tr></thead><tbody>${variantRows.join('')}</tbody></table>
  <table class="kv">
    <tr><th>${t.scenario}</th><td class="mono">${h(run.scenario ?? '—')}</td></tr>
    <tr><th>${t.source}</th><td>${h(run.source)}</td></tr>
    <tr><th>${t.driver}</th><td>${h(run.driver ?? '—')}</td></tr>
    <tr><th>${t.engine}</th><td>${h(run.engine)}</td></tr>
  </table>
  <h3>${t.tools}</h3><table class="kv">${tools.join('')}</table></section>`;

  const page = `<!doctype html>
<html lang="${opts.lang === 'zh' ? 'zh-CN' : 'en'}"><head><meta charset="utf-8">
<title>${h(t.title)} — ${h(run.target.name)}</title>
<style>${CSS}</style></head>
<body>${cover}${summary}${basis}${itemsTable}${nonconf}${method}</body></html>`;
  // Redact all text first, then put the images in: redaction never sees image bytes.
  return redactor.text(page).replace(/@@IMG(\d+)@@/g, (_, i: string) => images[Number(i)] ?? '');
}

/** Escaped text with ⟦value⟧ marks shown as highlighted spans. */
function marked(text: string): string {
  return h(text).replace(new RegExp(`${MARK_OPEN}([^${MARK_CLOSE}]*)${MARK_CLOSE}`, 'g'), `<mark>${MARK_OPEN}$1${MARK_CLOSE}</mark>`);
}

const CSS = `
@page { size: A4; margin: 18mm 15mm; }
body { font-family: "Noto Serif CJK SC", "Noto Sans CJK SC", "Noto Serif", serif; font-size: 10.5pt; color: #111; line-height: 1.45; }
h1 { font-size: 20pt; text-align: center; margin: 30mm 0 12mm; }
h2, h3, h4 { break-after: avoid; }
h2 { font-size: 14pt; border-bottom: 1.5px solid #333; padding-bottom: 2px; margin-top: 10mm; }
h3 { font-size: 12pt; margin: 6mm 0 2mm; }
h4 { font-size: 10.5pt; margin: 3mm 0 1mm; }
.cover { page-break-after: always; }
.break { page-break-before: always; }
.incomplete { border: 3px solid #c00; color: #c00; font-weight: bold; padding: 4mm; margin: 6mm 0; font-size: 13pt; text-align: center; }
table { border-collapse: collapse; width: 100%; margin: 2mm 0; }
table.kv th { text-align: left; width: 32%; font-weight: 600; vertical-align: top; padding: 1.5mm 2mm; background: #f3f3f3; border: 1px solid #ccc; }
table.kv td { padding: 1.5mm 2mm; border: 1px solid #ccc; word-break: break-all; }
table.grid th, table.grid td, table.summary td { border: 1px solid #999; padding: 1.5mm 2mm; vertical-align: top; }
table.grid thead th { background: #e8e8e8; }
tr.draft td { color: #8a5a00; font-style: italic; }
.v-nonconforming { color: #b00; font-weight: bold; }
.v-waived { color: #8a5a00; font-weight: bold; }
.v-conforms { color: #166b16; }
.v-not-applicable { color: #666; }
.sev { font-size: 9pt; border: 1px solid; border-radius: 3px; padding: 0 4px; margin-left: 4px; }
.sev-critical, .sev-high { color: #b00; }
.finding { page-break-inside: auto; border-top: 1px solid #bbb; margin-top: 5mm; }
pre { font-family: "Noto Sans Mono CJK SC", "DejaVu Sans Mono", monospace; font-size: 8pt; white-space: pre-wrap; word-break: break-all; background: #f7f7f7; border: 1px solid #ddd; padding: 2mm; }
mark { background: #ffe066; font-weight: bold; }
.shots img { max-width: 48%; max-height: 90mm; border: 1px solid #999; margin: 1mm; }
.mono { font-family: "DejaVu Sans Mono", monospace; font-size: 9pt; }
.note { color: #444; font-size: 9pt; }
`;
