// The lab report's test items: one per rule and phase, its verdict the strongest over the variants.

import type { Finding } from '../../core/finding.ts';
import { PHASES, type PhaseName } from '../../core/phase.ts';
import type { ReportData } from '../report-data.ts';
import { combineVerdicts, evaluationVerdict, type Verdict } from '../verdict.ts';

export interface TestItem {
  ruleId: string;
  phase: PhaseName | null;
  verdict: Verdict;
  variants: string[];
  findings: Finding[];
}

export function testItems(data: ReportData): TestItem[] {
  const items = new Map<string, TestItem & { verdicts: Verdict[] }>();
  for (const ev of data.findings.evaluations) {
    const key = `${ev.ruleId}|${ev.phase ?? ''}`;
    let it = items.get(key);
    if (!it) items.set(key, (it = { ruleId: ev.ruleId, phase: ev.phase, verdict: 'not-applicable', variants: [], findings: [], verdicts: [] }));
    it.verdicts.push(evaluationVerdict(ev, data.findingById, data.findings.outcomes));
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
