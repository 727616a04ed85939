// The cover's warnings about the evidence itself: input the capture skipped or cut, flows analysis could
// not finish, and reports made although the captured evidence had changed since it was signed. Each
// weakens what the report can claim, so it stands on the cover, not in an appendix.

import { existsSync, readFileSync } from 'node:fs';
import type { FlowFailure } from '../../analysis/flow-failure.ts';
import type { ReportData } from '../report-data.ts';
import { escapeHtml as h } from '../html.ts';
import { lit } from './markup.ts';
import type { Lang } from './strings.ts';

/** analysis.json (written by analysis beside observations.jsonl). */
const ANALYSIS_FILE = 'analysis.json';
const MAX_LISTED = 20;

const T = {
  zh: {
    override: '证据变更后仍出具报告',
    overrideBy: (at: string, reason: string) => `${at}：检测人员确认证据已变更后仍重新出具报告，理由：${reason}`,
    gaps: (skipped: number, cut: number) => `捕获输入不完整：${skipped} 项被跳过，${cut} 项被截断`,
    failed: (n: number) => `${n} 条请求未能完整分析（相关结论可能遗漏）`,
    more: (n: number) => `…另有 ${n} 项`,
  },
  en: {
    override: 'Reported although the evidence had changed',
    overrideBy: (at: string, reason: string) => `${at}: reported anew although the captured evidence no longer matched its signed manifest; reason given: ${reason}`,
    gaps: (skipped: number, cut: number) => `Captured input is not whole: ${skipped} skipped, ${cut} cut`,
    failed: (n: number) => `${n} flows were not fully analysed (findings in them may be missed)`,
    more: (n: number) => `… ${n} more`,
  },
} as const;

export function renderEvidenceCaveats(data: ReportData, lang: Lang): string {
  const t = T[lang];
  const blocks: string[] = [];
  const list = (items: string[], total = items.length): string =>
    `<ul>${items.slice(0, MAX_LISTED).map((i) => `<li>${i}</li>`).join('')}${total > MAX_LISTED ? `<li>${h(t.more(total - MAX_LISTED))}</li>` : ''}</ul>`;

  for (const o of data.run.evidenceOverrides ?? []) {
    blocks.push(`<p><b>${h(t.override)}</b><br>${h(t.overrideBy(o.at, o.reason))}</p>${list(o.problems.map(lit))}`);
  }
  const gaps = data.run.inputGaps;
  if (gaps && gaps.skipped + gaps.cut > 0) {
    blocks.push(`<p><b>${h(t.gaps(gaps.skipped, gaps.cut))}</b></p>${list(gaps.items.map((g) => `${lit(g.where)}: ${h(g.reason)}`), gaps.skipped + gaps.cut)}`);
  }
  const failed = readFailedFlows(data);
  if (failed.total > 0) {
    blocks.push(`<p><b>${h(t.failed(failed.total))}</b></p>${list(failed.flows.map((f) => `${lit(f.flowId)}: ${lit(f.detector)} — ${h(f.error)}`), failed.total)}`);
  }
  return blocks.length ? `<div class="incomplete evidence-caveats">${blocks.join('')}</div>` : '';
}

function readFailedFlows(data: ReportData): { total: number; flows: FlowFailure[] } {
  const file = data.reader.path(ANALYSIS_FILE);
  if (!existsSync(file)) return { total: 0, flows: [] };
  const s = JSON.parse(readFileSync(file, 'utf8')) as { failedFlows?: FlowFailure[]; failedFlowsTotal?: number };
  return { total: s.failedFlowsTotal ?? 0, flows: s.failedFlows ?? [] };
}
