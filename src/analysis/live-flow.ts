// Personal information in one flow as soon as it is captured, for `privlab capture` to print while the
// tester works. Text and structure only: media (faces, ID cards, voice) are left to the full analysis
// when the capture ends, which alone writes observations.
import type { Catalogs } from '../core/catalog.ts';
import type { Flow } from '../core/flow.ts';
import type { Party } from '../core/observation.ts';
import type { Target } from '../core/target.ts';
import { RunReader } from '../evidence/run-reader.ts';
import { analyzeFlow } from './analyze-run.ts';
import { partyFor } from './attribution/party.ts';
import { PiDetector } from './pii/detect-leaf.ts';
import { LinkedValues } from './pii/linked-values.ts';

export interface LiveFlowFacts {
  party: Party;
  /** PI types found in what the app sent (the request), sorted. */
  sent: string[];
  /** Set when the flow could not be analysed; the full analysis names the reason again. */
  failed?: string;
}

const NO_MEDIA_INSPECTION = async (): Promise<[]> => [];

export function liveFlowAnalyzer(runDir: string, target: Pick<Target, 'firstParty'>, catalogs: Catalogs): (flow: Flow) => Promise<LiveFlowFacts> {
  const reader = new RunReader(runDir);
  const detector = new PiDetector(catalogs);
  const linked = new LinkedValues();
  return async (flow) => {
    const party = partyFor(flow.request.url, target, catalogs, flow.client);
    if (party.kind === 'harness') return { party, sent: [] };
    try {
      const observations = await analyzeFlow(flow, party, reader, detector, NO_MEDIA_INSPECTION, undefined, () => {}, linked);
      const sent = new Set(observations.filter((o) => o.direction === 'request').map((o) => o.piType));
      return { party, sent: [...sent].sort() };
    } catch (e) {
      return { party, sent: [], failed: (e as Error).message.split('\n')[0] ?? 'analysis failed' };
    }
  };
}
