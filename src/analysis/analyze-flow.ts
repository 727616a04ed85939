// Analyses one flow: decodes its request and response, finds personal information and media in them.
// Pure with respect to the rest of the run: what links values across flows (LinkedValues) is handed
// its candidates through a sink, so the same function runs in the main thread or in a worker.

import type { Flow } from '../core/flow.ts';
import type { Observation, Party } from '../core/observation.ts';
import type { RunReader } from '../evidence/run-reader.ts';
import type { MediaHint, MediaHit } from './biometric/inspect-media.ts';
import type { BodyCache } from './decode/body-cache.ts';
import type { DecodeLimits, Leaf } from './decode/leaf.ts';
import { decodeRequest, decodeResponse } from './decode/request.ts';
import { isMediaType } from './decode/sniff.ts';
import { flowFailure, type FlowFailure } from './flow-failure.ts';
import type { PiDetector } from './pii/detect-leaf.ts';
import { candidateValue, type LinkTemplate } from './pii/linked-values.ts';
import { storedValue, summariseBinary } from './observation-value.ts';

/** Media inspector (faces, ID cards, voice). */
export type InspectMedia = (bytes: Buffer, hint: MediaHint) => Promise<MediaHit[]>;

/** Where leaves no detector claimed go, to be sought later as hashes or copies of values found elsewhere. */
export interface CandidateSink {
  /** `value`: the leaf's candidateValue, read once where the leaf is. */
  addCandidate(value: string, template: LinkTemplate): void;
}

/** Unknown binaries smaller than this are tokens or padding, not photos or recordings. */
const MIN_UNKNOWN_BINARY = 1024;

/** The observations of one flow (request, then response), numbered within it. */
export async function analyzeFlow(
  flow: Flow,
  party: Party,
  reader: RunReader,
  detector: PiDetector,
  inspect: InspectMedia,
  limits: Partial<DecodeLimits> | undefined,
  note: (n: string) => void,
  linked: CandidateSink,
  bodies?: BodyCache,
): Promise<Observation[]> {
  const ctx = { flow, party, detector, inspect, linked };
  const ref = flow.request.body;
  let body: Buffer | undefined;
  try {
    body = ref ? reader.body(ref.sha256) : undefined;
  } catch (e) {
    note(`request body ${ref?.sha256} cannot be read (${(e as Error).message})`);
  }
  const decoded = await decodeRequest(flow, body, limits, bodies);
  for (const n of decoded.notes) note(n);
  const out = await observe(ctx, decoded.leaves, 'request', ref?.sha256);

  // What the server answers shows what it holds about the user: analysed as direction "response".
  const resRef = flow.response?.body;
  if (resRef && resRef.size > 0) {
    let resBody: Buffer | undefined;
    try {
      resBody = reader.body(resRef.sha256);
    } catch (e) {
      note(`response body ${resRef.sha256} cannot be read (${(e as Error).message})`);
    }
    if (resBody) {
      const res = await decodeResponse(flow, resBody, limits, bodies);
      for (const n of res.notes) note(n);
      out.push(...(await observe(ctx, res.leaves, 'response', resRef.sha256)));
    }
  }
  // Each observation is this flow's own new object (observe's), numbered in place: id stays the first key.
  let n = 0;
  for (const o of out) o.id = `${flow.id}-o${++n}`;
  return out;
}

interface FlowContext {
  flow: Flow;
  party: Party;
  detector: PiDetector;
  inspect: InspectMedia;
  linked: CandidateSink;
}

/** The observations of one message's leaves (one per PI type and path, the most confident); unclaimed leaves go to linking. */
async function observe({ flow, party, detector, inspect, linked }: FlowContext, leaves: Leaf[], direction: Observation['direction'], bodySha256: string | undefined): Promise<Observation[]> {
  const summaries = new Map<Leaf, string>();
  const summarise = (b: Buffer, leaf: Leaf): string => {
    let s = summaries.get(leaf);
    if (!s) summaries.set(leaf, (s = summariseBinary(b, leaf.contentType)));
    return s;
  };
  const best = new Map<string, Observation>();
  const template = (location: Observation['location'], path: string, chain: string[]): LinkTemplate => ({
    flowId: flow.id,
    time: flow.time,
    phase: flow.phase,
    variant: flow.variant,
    direction,
    party,
    location,
    path,
    chain,
    ...(flow.request.url.startsWith('http:') ? { insecure: true } : {}),
    ...(location === 'body' && bodySha256 ? { bodySha256 } : {}),
  });
  const add = (o: Omit<Observation, 'id' | 'flowId' | 'time' | 'phase' | 'variant' | 'direction' | 'party'>): void => {
    const k = `${o.piType}\u0000${o.path}`;
    const prev = best.get(k);
    if (prev && prev.confidence >= o.confidence) return;
    best.set(k, { id: '', ...o, ...template(o.location, o.path, o.chain) });
  };

  for (const f of detector.detectAll(leaves, summarise, flow.variant)) {
    add({
      piType: f.detection.piType,
      value: storedValue(f.detection.value, detector.isSecret(f.detection.piType)),
      location: f.leaf.location,
      path: f.path,
      chain: f.leaf.chain,
      detector: f.detection.detector,
      evidence: f.detection.evidence,
      confidence: f.detection.confidence,
    });
  }

  const urlPath = safePathname(flow.request.url);
  for (const leaf of leaves) {
    if (typeof leaf.value === 'string' || !worthInspecting(leaf)) continue;
    const hits = await inspect(leaf.value, { contentType: leaf.contentType, filename: leaf.filename, fieldName: leaf.key, urlPath });
    for (const h of hits) {
      add({
        piType: h.piType,
        value: summarise(leaf.value, leaf),
        location: leaf.location,
        path: leaf.path,
        chain: leaf.chain,
        detector: h.detector,
        evidence: h.evidence,
        confidence: h.confidence,
      });
    }
  }
  const claimed = new Set([...best.values()].map((o) => o.path));
  // Only leaves that could be a digest or an identifier get a template: most leaves cannot.
  for (const leaf of leaves) {
    const value = candidateValue(leaf);
    if (value !== undefined && !claimed.has(leaf.path)) linked.addCandidate(value, template(leaf.location, leaf.path, leaf.chain));
  }
  return [...best.values()];
}

function worthInspecting(leaf: Leaf): boolean {
  if (isMediaType(leaf.contentType)) return true;
  const unknown = !leaf.contentType || leaf.contentType === 'application/octet-stream';
  return unknown && Buffer.isBuffer(leaf.value) && leaf.value.length >= MIN_UNKNOWN_BINARY;
}

function safePathname(url: string): string | undefined {
  try {
    return new URL(url).pathname;
  } catch {
    return undefined;
  }
}

/** What one flow's analysis hands back to the run: all of it plain data, so it can cross from a worker. */
export interface FlowResult {
  observations: Observation[];
  notes: string[];
  candidates: Array<{ value: string; template: LinkTemplate }>;
  /** Set when the analysis threw: the flow's observations and candidates are left out. */
  failure?: FlowFailure;
}

/**
 * A FlowResult as the run takes it: each observation already one JSON line, made where the flow was analysed
 * (in a worker, that thread does the JSON work, and what crosses to the run's thread is one string rather than
 * a structured clone of every observation), beside the few fields the run counts and links by.
 */
export interface SerialisedResult {
  /** JSON.stringify of each observation, in order, each followed by a newline. */
  lines: string;
  /** Per observation, in the same order: what the run's counts and LinkedValues.addKnown read of it. */
  facts: ObservationFact[];
  notes: string[];
  candidates: FlowResult['candidates'];
  failure?: FlowFailure;
}
export type ObservationFact = Pick<Observation, 'piType' | 'value' | 'path' | 'detector' | 'flowId' | 'direction'>;

export function serialiseResult(r: FlowResult): SerialisedResult {
  let lines = '';
  const facts: ObservationFact[] = [];
  for (const o of r.observations) {
    lines += JSON.stringify(o) + '\n';
    facts.push({ piType: o.piType, value: o.value, path: o.path, detector: o.detector, flowId: o.flowId, direction: o.direction });
  }
  return { lines, facts, notes: r.notes, candidates: r.candidates, ...(r.failure ? { failure: r.failure } : {}) };
}

export interface FlowEnv {
  reader: RunReader;
  detector: PiDetector;
  inspect: InspectMedia;
  limits?: Partial<DecodeLimits>;
  /** Bodies decoded before in this run (or this worker), reused. */
  bodies?: BodyCache;
}

/** One flow analysed into a FlowResult; a flow that throws is named with the failing detector, not rethrown. */
export async function analyzeFlowResult(flow: Flow, party: Party, env: FlowEnv): Promise<FlowResult> {
  const notes: string[] = [];
  const candidates: FlowResult['candidates'] = [];
  const sink: CandidateSink = {
    addCandidate(value, template) {
      candidates.push({ value, template });
    },
  };
  try {
    const observations = await analyzeFlow(flow, party, env.reader, env.detector, env.inspect, env.limits, (n) => notes.push(n), sink, env.bodies);
    return { observations, notes, candidates };
  } catch (e) {
    return { observations: [], notes, candidates: [], failure: flowFailure(flow.id, e) };
  }
}
