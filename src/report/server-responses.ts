// What servers sent back: observations found in response bodies, headers and cookies (direction
// "response"), one row per response, with the request it answered. A login response that returns the
// user's mobile number or last sign-in address shows what the server stored.

import type { Flow } from '../core/flow.ts';
import type { Observation, Party } from '../core/observation.ts';
import type { StepName, VariantName } from '../core/phase.ts';
import type { RunInfo } from '../core/run.ts';
import { appObservations } from '../rules/app-observations.ts';

export interface ResponseRow {
  flowId: string;
  party: Party;
  phase: StepName | null;
  variant: VariantName | null;
  /** The request the response answered; absent when its flow record was not loaded. */
  request?: { method: string; url: string };
  status?: number;
  /** PI types returned, in first-seen order. */
  piTypes: string[];
  observationIds: string[];
}

/** Responses of the app's servers and third parties (not the harness's), in evidence phases, in time order. */
export function serverResponses(run: RunInfo, observations: Iterable<Observation>, flows: ReadonlyMap<string, Flow>): ResponseRow[] {
  const rows = new Map<string, ResponseRow & { time: string }>();
  for (const o of appObservations(run, [...observations])) {
    if (o.direction !== 'response' || (o.party.kind !== 'first' && o.party.kind !== 'third')) continue;
    let row = rows.get(o.flowId);
    if (!row) {
      const flow = flows.get(o.flowId);
      rows.set(o.flowId, (row = {
        flowId: o.flowId,
        party: o.party,
        phase: o.phase,
        variant: o.variant,
        time: o.time,
        piTypes: [],
        observationIds: [],
        ...(flow ? { request: { method: flow.request.method, url: flow.request.url } } : {}),
        ...(flow?.response ? { status: flow.response.status } : {}),
      }));
    }
    if (!row.piTypes.includes(o.piType)) row.piTypes.push(o.piType);
    row.observationIds.push(o.id);
  }
  return [...rows.values()].sort((a, b) => Date.parse(a.time) - Date.parse(b.time)).map(({ time: _time, ...r }) => r);
}
