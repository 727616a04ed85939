// The two evidence texts a finding carries into every report: the request excerpts of its flows
// with the values marked, and the decoding chain of each observation.

import type { Finding } from '../core/finding.ts';
import type { Observation } from '../core/observation.ts';
import { requestExcerpt } from './excerpt.ts';
import { findingObservationsIn, type ReportData } from './report-data.ts';

export interface FlowExcerpt {
  flowId: string;
  title: string;
  text: string;
}

export async function findingExcerpts(data: ReportData, finding: Finding): Promise<FlowExcerpt[]> {
  const out: FlowExcerpt[] = [];
  for (const flowId of finding.evidence.flows) {
    const flow = data.flows.get(flowId);
    if (!flow) {
      out.push({ flowId, title: `Request ${flowId}`, text: `[flow ${flowId} is not in flows.jsonl]` });
      continue;
    }
    const values = findingObservationsIn(data, finding, flowId).map((o) => o.value);
    const body = flow.request.body ? data.reader.body(flow.request.body.sha256) : undefined;
    let host = flow.request.url;
    try {
      host = new URL(flow.request.url).host;
    } catch {
      // keep the raw URL: a broken one is itself worth showing
    }
    out.push({ flowId, title: `Request ${flowId} ${flow.request.method} ${host}`, text: await requestExcerpt(flow, body, values) });
  }
  return out;
}

const MAX_VALUE_CHARS = 200;

export function decodingChain(observations: Observation[]): string {
  return observations
    .map((o) => {
      const value = o.value.length > MAX_VALUE_CHARS ? `${o.value.slice(0, MAX_VALUE_CHARS)}… (${o.value.length} chars)` : o.value;
      const party = `${o.party.host} (${o.party.kind} party${o.party.organisation ? `, ${o.party.organisation}` : ''}${o.party.service ? `, ${o.party.service}` : ''})`;
      return [
        `${o.id}  ${o.piType} = ⟦${value}⟧`,
        `  where:    ${o.direction} ${o.location} ${o.path}${o.insecure ? '  [sent over plain http]' : ''}`,
        `  decoding: ${['raw', ...o.chain].join(' → ')}`,
        `  detector: ${o.detector} (confidence ${o.confidence}): ${o.evidence}`,
        `  flow:     ${o.flowId} at ${o.time} → ${party}`,
      ].join('\n');
    })
    .join('\n\n');
}

export function findingObservations(data: ReportData, finding: Finding): Observation[] {
  return finding.evidence.observations.map((id) => data.observations.get(id)).filter((o): o is Observation => o !== undefined);
}
