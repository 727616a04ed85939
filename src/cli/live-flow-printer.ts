// What `privlab capture` prints while it records: a line per flow as it happens (time, phase, method,
// status, host and path, bytes sent and received, party, PI found in what was sent), as mitmproxy and
// HTTP Toolkit list them, and a summary of each phase when a mark ends it.

import type { Flow } from '../core/flow.ts';
import type { Party } from '../core/observation.ts';
import type { PhaseOutcome } from '../core/phase.ts';
import type { LiveFlowFacts } from '../analysis/live-flow.ts';

const PATH_WIDTH = 48;

export function partyLabel(p: Party): string {
  if (p.kind === 'third') return `third: ${p.organisation ?? p.domain ?? p.host}`;
  return p.kind;
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} kB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

export function flowLine(flow: Flow, facts: LiveFlowFacts): string {
  const url = new URL(flow.request.url);
  const path = url.pathname + url.search;
  const shown = path.length > PATH_WIDTH ? `${path.slice(0, PATH_WIDTH - 1)}…` : path;
  const status = flow.response ? String(flow.response.status) : flow.error ? 'ERR' : '---';
  const pi = facts.failed ? `PI ? (${facts.failed})` : facts.sent.length ? `PI ${facts.sent.join(', ')}` : 'no PI';
  return [
    flow.time.slice(11, 19),
    (flow.phase ?? '-').padEnd(8),
    flow.request.method.padEnd(6),
    status,
    `${url.host}${shown}`,
    `↑${formatBytes(flow.request.body?.size ?? 0)} ↓${formatBytes(flow.response?.body?.size ?? 0)}`,
    partyLabel(facts.party),
    pi,
  ].join('  ');
}

interface PhaseTally {
  flows: number;
  hosts: Set<string>;
  /** PI type -> party label -> flows */
  sent: Map<string, Map<string, number>>;
}

export function phaseSummary(outcome: Pick<PhaseOutcome, 'phase' | 'status'>, t: PhaseTally | undefined): string {
  const head = `── ${outcome.phase} ${outcome.status}: ${t?.flows ?? 0} flows to ${t?.hosts.size ?? 0} hosts`;
  if (!t?.sent.size) return `${head}; no PI found in what was sent`;
  const items = [...t.sent].sort(([a], [b]) => a.localeCompare(b)).map(([pi, parties]) =>
    `${pi} → ${[...parties].map(([party, n]) => `${party} (${n} flow${n === 1 ? '' : 's'})`).join(', ')}`);
  return `${head}; PI sent: ${items.join('; ')}`;
}

/**
 * Prints flows and phase ends in the order they happened. Analysis is asynchronous, so events queue
 * behind each other; the analyser is attached once the run directory exists.
 */
export class LiveFlowPrinter {
  private queue: Promise<void>;
  private attachAnalyzer!: (analyze: (flow: Flow) => Promise<LiveFlowFacts>) => void;
  private readonly analyzer = new Promise<(flow: Flow) => Promise<LiveFlowFacts>>((r) => (this.attachAnalyzer = r));
  private readonly tallies = new Map<string, PhaseTally>();

  constructor(
    private readonly out: (line: string) => void,
    private readonly flowLines = true,
  ) {
    this.queue = Promise.resolve();
  }

  attach(analyze: (flow: Flow) => Promise<LiveFlowFacts>): void {
    this.attachAnalyzer(analyze);
  }

  flow(flow: Flow): void {
    this.enqueue(async () => {
      const facts = await (await this.analyzer)(flow);
      if (facts.party.kind === 'harness') return; // the browser's own traffic, not the app's
      if (flow.phase) this.tally(flow, facts);
      if (this.flowLines) this.out(flowLine(flow, facts));
    });
  }

  phaseEnded(outcome: PhaseOutcome): void {
    this.enqueue(async () => this.out(phaseSummary(outcome, this.tallies.get(outcome.phase))));
  }

  /** Resolves once everything seen so far is printed. */
  idle(): Promise<void> {
    return this.queue;
  }

  private tally(flow: Flow, facts: LiveFlowFacts): void {
    let t = this.tallies.get(flow.phase!);
    if (!t) this.tallies.set(flow.phase!, (t = { flows: 0, hosts: new Set(), sent: new Map() }));
    t.flows++;
    t.hosts.add(new URL(flow.request.url).host);
    const party = partyLabel(facts.party);
    for (const pi of facts.sent) {
      const byParty = t.sent.get(pi) ?? new Map<string, number>();
      byParty.set(party, (byParty.get(party) ?? 0) + 1);
      t.sent.set(pi, byParty);
    }
  }

  private enqueue(step: () => Promise<void>): void {
    this.queue = this.queue.then(step).catch((e: Error) => this.out(`(could not print a flow: ${e.message.split('\n')[0]})`));
  }
}
