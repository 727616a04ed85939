// Personal information in one flow as soon as it is captured, for `privlab capture` to print while the
// tester works. Text and structure only: media (faces, ID cards, voice) are left to the full analysis
// when the capture ends, which alone writes observations.

import type { Catalogs } from '../core/catalog.ts';
import type { Flow } from '../core/flow.ts';
import type { Party } from '../core/observation.ts';
import type { Target } from '../core/target.ts';
import { RunReader } from '../evidence/run-reader.ts';
import { analyzeFlowResult, type FlowEnv } from './analyze-flow.ts';
import { partyFor } from './attribution/party.ts';
import { PiDetector } from './pii/detect-leaf.ts';

export interface LiveFlowFacts {
  party: Party;
  /** PI types found in what the app sent (the request), sorted. */
  sent: string[];
  /** Set when the flow could not be analysed; the full analysis names the reason again. */
  failed?: string;
}

export function liveFlowAnalyzer(runDir: string, target: Pick<Target, 'firstParty'>, catalogs: Catalogs): (flow: Flow) => Promise<LiveFlowFacts> {
  const env: FlowEnv = { reader: new RunReader(runDir), detector: new PiDetector(catalogs), inspect: async () => [] };
  return async (flow) => {
    const party = partyFor(flow.request.url, target, catalogs, flow.client);
    if (party.kind === 'harness') return { party, sent: [] };
    const r = await analyzeFlowResult(flow, party, env);
    if (r.failure) return { party, sent: [], failed: `${r.failure.detector} failed: ${r.failure.error}` };
    return { party, sent: [...new Set(r.observations.filter((o) => o.direction === 'request').map((o) => o.piType))].sort() };
  };
}
