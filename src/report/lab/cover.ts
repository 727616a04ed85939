// The cover a lab signs: report number, client, app and version, test dates, lab, the evidence
// manifest's hash and signing key, and the signature block.

import type { ReportData } from '../report-data.ts';
import { categoryLabel } from '../category-label.ts';
import { escapeHtml as h } from '../html.ts';
import type { Redactor } from '../redact.ts';
import { renderEvidenceCaveats } from './evidence-caveats.ts';
import { lit } from './markup.ts';
import { SIGNATURE_ROLES, STRINGS, type Lang, type SignatureRole } from './strings.ts';

export interface Signatory {
  name: string;
  /** Left blank for signing by hand when absent. */
  date?: string;
}

/** privlab.config.yaml `report`: how a lab numbers and signs its reports. */
export interface ReportSigning {
  /** Report number scheme, see report-number.ts. */
  number?: string;
  client?: string;
  signatures?: Partial<Record<SignatureRole, Signatory>>;
}

export interface CoverInput {
  data: ReportData;
  redactor: Redactor;
  lang: Lang;
  reportNo: string;
  lab?: string;
  signing: ReportSigning;
}

export function renderCover({ data, redactor, lang, reportNo, lab, signing }: CoverInput): string {
  const t = STRINGS[lang];
  const { run, findings } = data;
  const day = (iso: string | undefined): string => (iso ? iso.slice(0, 10) : '—');
  const period = run.endedAt && day(run.endedAt) !== day(run.startedAt) ? `${day(run.startedAt)} – ${day(run.endedAt)}` : day(run.startedAt);
  const sigRows = SIGNATURE_ROLES.map((role) => {
    const s = signing.signatures?.[role];
    return `<tr><th>${t.role[role]}</th><td>${s ? lit(s.name) : ''}</td><td class="sign"></td><td>${s?.date ? lit(s.date) : ''}</td></tr>`;
  });
  return `
<section class="cover">
  <h1>${h(t.title)}</h1>
  <p class="reportno">${t.reportNo}${lang === 'zh' ? '：' : ' '}${lit(reportNo)}</p>
  ${run.complete ? '' : `<div class="incomplete">⚠ ${h(t.incomplete)}${run.incompleteReason ? `<br><small>${t.recordedReason}: ${lit(run.incompleteReason)}</small>` : ''}</div>`}
  ${renderEvidenceCaveats(data, lang)}
  ${(run.evidenceOverrides ?? [])
    .map((o) => `<div class="incomplete">⚠ ${h(t.evidenceChanged)}<br><small>${lit(o.at.slice(0, 10))} · ${t.recordedReason}: ${lit(o.reason)}<br>${o.problems.slice(0, 5).map(lit).join('<br>')}</small></div>`)
    .join('')}
  ${run.inputGaps ? `<p class="note">⚠ ${h(t.inputGaps(run.inputGaps.skipped, run.inputGaps.cut))}</p>` : ''}
  <table class="kv">
    <tr><th>${t.client}</th><td>${signing.client ? lit(signing.client) : '—'}</td></tr>
    <tr><th>${t.app}</th><td>${lit(run.target.name)}</td></tr>
    <tr><th>${t.version}</th><td>${lit(run.target.version ?? '—')}</td></tr>
    <tr><th>${t.category}</th><td>${lit(categoryLabel(data.catalogs, run.target.category, lang))}</td></tr>
    <tr><th>${t.platform}</th><td>${lit(run.target.platform)}</td></tr>
    <tr><th>${t.testPeriod}</th><td>${lit(period)}</td></tr>
    <tr><th>${t.reportDate}</th><td>${lit(day(findings.generatedAt))}</td></tr>
    <tr><th>${t.lab}</th><td>${lab ? lit(lab) : '—'}</td></tr>
    <tr><th>${t.runId}</th><td>${lit(run.id)}</td></tr>
    <tr><th>${t.manifest}</th><td>${data.manifestSha256 ? lit(data.manifestSha256) : h(t.notSealed)}</td></tr>
    <tr><th>${t.signer}</th><td>${data.signerFingerprint ? lit(data.signerFingerprint) : '—'}</td></tr>
    <tr><th>${t.tool}</th><td>${lit(`privlab ${run.privlabVersion}`)}</td></tr>
  </table>
  <p class="note">${h(t.sealNote)} ${redactor.keyed ? `${h(t.redactedNote)} ` : ''}${h(t.secretsNote)}</p>
  <h2>${t.signatures}</h2>
  <table class="grid sigs"><thead><tr><th></th><th>${t.sigName}</th><th>${t.sigSign}</th><th>${t.sigDate}</th></tr></thead><tbody>${sigRows.join('')}</tbody></table>
</section>`;
}
