// Analyses a run directory: decodes every app request and response, finds personal information and faces in it,
// names who receives it, and writes observations.jsonl and analysis.json. Streams flows.jsonl one
// line at a time and reads one body at a time, so a capture of any size fits in bounded memory.

import { closeSync, openSync, renameSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { Catalogs } from '../core/catalog.ts';
import { findCategory, loadCatalogs } from '../core/catalog-loader.ts';
import type { Flow } from '../core/flow.ts';
import type { FlowNote, Observation, Party } from '../core/observation.ts';
import type { Persona } from '../core/target.ts';
import { PRIVLAB_VERSION } from '../core/version.ts';
import { RUN_FILES } from '../evidence/run-layout.ts';
import { RunReader } from '../evidence/run-reader.ts';
import { partyFor } from './attribution/party.ts';
import { inspectMedia, type MediaHit } from './biometric/inspect-media.ts';
import type { DecodeLimits, Leaf } from './decode/leaf.ts';
import { decodeRequest, decodeResponse } from './decode/request.ts';
import { isMediaType } from './decode/sniff.ts';
import { failureNote, flowFailure, type FlowFailure } from './flow-failure.ts';
import { PiDetector } from './pii/detect-leaf.ts';
import { LinkedValues } from './pii/linked-values.ts';
import { storedValue, summariseBinary } from './observation-value.ts';

/** Bumped when detection changes, so an observations file says which analysis wrote it. */
export const ANALYZER_VERSION = '1.0.0';
export const ANALYSIS_FILE = 'analysis.json';

/** Unknown binaries smaller than this are tokens or padding, not photos or recordings. */
const MIN_UNKNOWN_BINARY = 1024;
/** analysis.json keeps this many flow notes; the total is counted beyond it. */
const MAX_NOTES_KEPT = 10_000;
const PROGRESS_EVERY = 1000;

export interface AnalyzeOptions {
  /** Category slug to record (and check) instead of run.json's target.category. */
  category?: string;
  onProgress?(flowsDone: number): void;
  catalogs?: Catalogs;
  limits?: Partial<DecodeLimits>;
  /** Honey values to seek instead of run.json's persona (an imported capture has none of its own). */
  persona?: Persona;
  /** Media inspector (faces, ID cards, voice); defaults to the biometric analyser. */
  inspect?: (bytes: Buffer, hint: { contentType?: string; filename?: string; fieldName?: string; urlPath?: string }) => Promise<MediaHit[]>;
}

export interface AnalysisSummary {
  analyzerVersion: string;
  privlabVersion: string;
  generatedAt: string;
  runId: string;
  category: string;
  flows: number;
  flowsAnalysed: number;
  flowsSkippedHarness: number;
  observations: number;
  byPiType: Record<string, number>;
  byParty: Record<string, number>;
  notesTotal: number;
  notes: FlowNote[];
  /** Flows whose analysis failed part-way (their observations are left out); the first MAX_NOTES_KEPT. */
  failedFlows: FlowFailure[];
  failedFlowsTotal: number;
  /**
   * Every host the app's traffic reached, first and third parties, whether or not PI was found in what it
   * got (every host gets the IP address and user agent): named, with the PI types it received.
   */
  receivers: Receiver[];
}

export interface Receiver {
  party: Party;
  flows: number;
  phases: string[];
  /** PI types found in requests to it (responses are what it sent back, not what it received). */
  piTypes: string[];
}

/** Hosts kept in analysis.json; a capture reaching more is counted, not listed. */
const MAX_RECEIVERS = 5000;

export async function analyzeRun(
  runDir: string,
  opts: AnalyzeOptions = {},
): Promise<{ observations: number; flows: number; notes: number; path: string }> {
  const reader = new RunReader(runDir);
  const info = reader.info();
  const catalogs = opts.catalogs ?? loadCatalogs();
  const category = opts.category ?? info.target.category;
  if (opts.category) findCategory(catalogs, opts.category);
  const detector = new PiDetector(catalogs, opts.persona ?? info.persona);
  const inspect = opts.inspect ?? inspectMedia;

  const outPath = reader.path(RUN_FILES.observations);
  const tmpPath = `${outPath}.tmp`;
  const fd = openSync(tmpPath, 'w');
  const summary: AnalysisSummary = {
    analyzerVersion: ANALYZER_VERSION,
    privlabVersion: PRIVLAB_VERSION,
    generatedAt: new Date().toISOString(),
    runId: info.id,
    category,
    flows: 0,
    flowsAnalysed: 0,
    flowsSkippedHarness: 0,
    observations: 0,
    byPiType: {},
    byParty: {},
    notesTotal: 0,
    notes: [],
    failedFlows: [],
    failedFlowsTotal: 0,
    receivers: [],
  };
  const addNote = (flowId: string, note: string): void => {
    summary.notesTotal++;
    if (summary.notes.length < MAX_NOTES_KEPT) summary.notes.push({ flowId, note });
  };

  const receivers = new Map<string, { party: Party; flows: number; phases: Set<string>; piTypes: Set<string> }>();
  const receiverOf = (party: Party): { party: Party; flows: number; phases: Set<string>; piTypes: Set<string> } | undefined => {
    let r = receivers.get(party.host);
    if (!r && receivers.size < MAX_RECEIVERS) receivers.set(party.host, (r = { party, flows: 0, phases: new Set(), piTypes: new Set() }));
    return r;
  };
  const linked = new LinkedValues();
  const write = (o: Observation): void => {
    writeSync(fd, JSON.stringify(o) + '\n');
    summary.observations++;
    summary.byPiType[o.piType] = (summary.byPiType[o.piType] ?? 0) + 1;
    summary.byParty[o.party.kind] = (summary.byParty[o.party.kind] ?? 0) + 1;
    if (o.direction === 'request') receivers.get(o.party.host)?.piTypes.add(o.piType);
  };
  try {
    for await (const flow of reader.flows()) {
      summary.flows++;
      if (opts.onProgress && summary.flows % PROGRESS_EVERY === 0) opts.onProgress(summary.flows);
      const party = partyFor(flow.request.url, info.target, catalogs, flow.client);
      // The browser's own traffic (update checks, probes) is recorded but is not the app's collection.
      if (party.kind === 'harness') {
        summary.flowsSkippedHarness++;
        continue;
      }
      summary.flowsAnalysed++;
      const receiver = party.host ? receiverOf(party) : undefined;
      if (receiver) {
        receiver.flows++;
        if (flow.phase) receiver.phases.add(flow.phase);
      }
      let observations: Observation[];
      try {
        observations = await analyzeFlow(flow, party, reader, detector, inspect, opts.limits, (n) => addNote(flow.id, n), linked);
      } catch (e) {
        // One hostile flow must not stop the run: it is named, with the detector that failed.
        const failure = flowFailure(flow.id, e);
        addNote(flow.id, failureNote(failure));
        if (++summary.failedFlowsTotal <= MAX_NOTES_KEPT) summary.failedFlows.push(failure);
        continue;
      }
      for (const o of observations) {
        linked.addKnown(o);
        write(o);
      }
    }
    // Hashes and copies of values found anywhere in the run, sought in what no detector claimed.
    const links = linked.resolve();
    let n = 0;
    for (const o of links.observations) write({ ...o, id: `${o.flowId}-l${++n}` });
    if (links.unchecked > 0) addNote('', `${links.unchecked} values were not checked against the hashes of values found elsewhere (bound reached)`);
  } finally {
    closeSync(fd);
  }
  summary.receivers = [...receivers.values()].map((r) => ({ party: r.party, flows: r.flows, phases: [...r.phases], piTypes: [...r.piTypes].sort() }));
  renameSync(tmpPath, outPath);
  writeFileSync(join(runDir, ANALYSIS_FILE), JSON.stringify(summary, null, 2) + '\n');
  opts.onProgress?.(summary.flows);
  return { observations: summary.observations, flows: summary.flows, notes: summary.notesTotal, path: outPath };
}

/** The observations of one flow (request, then response), numbered within it. */
export async function analyzeFlow(
  flow: Flow,
  party: Party,
  reader: RunReader,
  detector: PiDetector,
  inspect: NonNullable<AnalyzeOptions['inspect']>,
  limits: Partial<DecodeLimits> | undefined,
  note: (n: string) => void,
  linked: LinkedValues,
): Promise<Observation[]> {
  const ctx = { flow, party, detector, inspect, linked };
  const ref = flow.request.body;
  let body: Buffer | undefined;
  try {
    body = ref ? reader.body(ref.sha256) : undefined;
  } catch (e) {
    note(`request body ${ref?.sha256} cannot be read (${(e as Error).message})`);
  }
  const decoded = await decodeRequest(flow, body, limits);
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
      const res = await decodeResponse(flow, resBody, limits);
      for (const n of res.notes) note(n);
      out.push(...(await observe(ctx, res.leaves, 'response', resRef.sha256)));
    }
  }
  let n = 0;
  return out.map((o) => ({ ...o, id: `${flow.id}-o${++n}` }));
}

interface FlowContext {
  flow: Flow;
  party: Party;
  detector: PiDetector;
  inspect: NonNullable<AnalyzeOptions['inspect']>;
  linked: LinkedValues;
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
  const template = (location: Observation['location'], path: string, chain: string[]) => ({
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

  for (const f of detector.detectAll(leaves, summarise)) {
    add({
      piType: f.detection.piType,
      value: storedValue(f.detection.piType, f.detection.value),
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
  for (const leaf of leaves) if (!claimed.has(leaf.path)) linked.addCandidate(leaf, template(leaf.location, leaf.path, leaf.chain));
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
