// The summary's picture: per phase, how many PI types were sent and how they stand against the
// category baseline (a stacked bar each), the table behind it, and who received what.

import { PHASES } from '../../core/phase.ts';
import { escapeHtml as h } from '../html.ts';
import type { BaselineClass, PiByPhase } from '../pi-by-phase.ts';
import type { Names } from './names.ts';
import { STRINGS, type Lang } from './strings.ts';

const CLASSES: readonly BaselineClass[] = ['necessary', 'beyond', 'biometric'];

export function renderPiSummary(s: PiByPhase, lang: Lang, nm: Names): string {
  const t = STRINGS[lang];
  if (!s.rows.length) return `<h3>${t.piSummary}</h3><p>${t.none}</p>`;
  const widest = Math.max(1, ...PHASES.map((p) => s.rows.filter((r) => r.phases.has(p)).length));
  const bars = PHASES.map((p) => {
    const segs = CLASSES.map((c) => {
      const n = s.rows.filter((r) => r.phases.has(p) && r.baseline === c).length;
      return n ? `<span class="seg b-${c}" style="width:${((n / widest) * 100).toFixed(1)}%">${n}</span>` : '';
    }).join('');
    return `<tr><th>${nm.phase(p)}</th><td class="bar">${segs}</td></tr>`;
  });
  const legend = CLASSES.map((c) => `<span class="seg b-${c} legend">${h(t.baselineName[c])}</span>`).join(' ');
  const rows = s.rows.map((r) => {
    const cells = PHASES.map((p) => `<td class="dot">${r.phases.has(p) ? '●' : ''}</td>`).join('');
    return `<tr><td>${nm.pi(r.piType)}</td>${cells}<td class="b-${r.baseline}">${h(t.baselineName[r.baseline])}</td></tr>`;
  });
  const receivers = s.receivers.map(
    (r) => `<tr><td>${nm.party(r.party)}</td><td>${r.piTypes.length ? r.piTypes.map(nm.pi).join(lang === 'zh' ? '、' : ', ') : h(t.onlyIpAndAgent)}</td><td>${r.phases.map(nm.phase).join(lang === 'zh' ? '、' : ', ')}</td></tr>`,
  );
  return `<h3>${t.piSummary}</h3><p class="note">${h(t.piSummaryIntro)}${s.hasBaseline ? '' : ` ${h(t.noBaseline)}`}</p>
  <table class="bars">${bars.join('')}</table><p class="legend-row">${legend}</p>
  <table class="grid pi"><thead><tr><th>${t.piType}</th>${PHASES.map((p) => `<th>${nm.phase(p)}</th>`).join('')}<th>${t.baselineClass}</th></tr></thead><tbody>${rows.join('')}</tbody></table>
  <h3>${t.receivers}</h3>
  <table class="grid"><thead><tr><th>${t.receiverHost}</th><th>${t.received}</th><th>${t.phase}</th></tr></thead><tbody>${receivers.join('')}</tbody></table>`;
}
