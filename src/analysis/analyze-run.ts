// Analyses a run directory: decodes every app request and response, finds personal information and faces in it,
// names who receives it, and writes observations.jsonl and analysis.json. Streams flows.jsonl one
// line at a time and reads one body at a time, so a capture of any size fits in bounded memory.

import { closeSync, openSync, renameSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { Catalogs } from '../core/catalog.ts';
import { findCategory, loadCatalogs } from '../core/catalog-loader.ts';
import type { FlowNote, Observation, Party } from '../core/observation.ts';
import type { Persona } from '../core/target.ts';
import { PRIVLAB_VERSION } from '../core/version.ts';
import { RUN_FILES } from '../evidence/run-layout.ts';
import { RunReader } from '../evidence/run-reader.ts';
import { analyzeFlowResult, serialiseResult, type FlowEnv, type InspectMedia, type SerialisedResult } from './analyze-flow.ts';
import { partyFor } from './attribution/party.ts';
import { inspectMedia } from './biometric/inspect-media.ts';
import { BodyCache } from './decode/body-cache.ts';
import type { DecodeLimits } from './decode/leaf.ts';
import { failureNote, type FlowFailure } from './flow-failure.ts';
import { givenPersonas } from './given-persona.ts';
import { defaultWorkers, FlowPool } from './flow-pool.ts';
import { cachedInspect } from './media-cache.ts';
import { PiDetector } from './pii/detect-leaf.ts';
import { LinkedValues } from './pii/linked-values.ts';

/** Bumped when detection changes, so an observations file says which analysis wrote it. */
export const ANALYZER_VERSION = '1.0.0';
export const ANALYSIS_FILE = 'analysis.json';

/** analysis.json keeps this many flow notes; the total is counted beyond it. */
const MAX_NOTES_KEPT = 10_000;
/** Characters of observation lines gathered before one write. */
const WRITE_BATCH_CHARS = 256 * 1024;
const PROGRESS_EVERY = 1000;

export interface AnalyzeOptions {
  /** Category slug to record (and check) instead of run.json's target.category. */
  category?: string;
  onProgress?(flowsDone: number): void;
  catalogs?: Catalogs;
  limits?: Partial<DecodeLimits>;
  /**
   * Honey values to seek instead of run.json's persona (an imported capture has none of its own). A template is
   * expanded for the capture's variants (given-persona.ts); what it cannot expand is said in personaNotes.
   */
  persona?: Persona;
  /** Media inspector (faces, ID cards, voice); defaults to the biometric analyser. It runs in this thread, also for flows analysed in workers. */
  inspect?: InspectMedia;
  /**
   * Worker threads to analyse flows in; 0 analyses in this thread. Default: none for a small capture, one
   * per core for a large one. The output is the same either way, in capture order.
   */
  workers?: number;
  /** Decode a body seen before in the run again instead of reusing its leaves (default false): the output is the same. */
  decodeEveryBody?: boolean;
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
): Promise<{ observations: number; flows: number; notes: number; path: string; personaNotes: string[] }> {
  const reader = new RunReader(runDir);
  const info = reader.info();
  const catalogs = opts.catalogs ?? loadCatalogs();
  const category = opts.category ?? info.target.category;
  if (opts.category) findCategory(catalogs, opts.category);

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
  // Observations leave in batches: one system call per observation costs more than writing it.
  let pending = '';
  const flush = (): void => {
    if (pending) writeSync(fd, pending);
    pending = '';
  };
  const count = (o: Pick<Observation, 'piType' | 'direction'>, party: Party): void => {
    summary.observations++;
    summary.byPiType[o.piType] = (summary.byPiType[o.piType] ?? 0) + 1;
    summary.byParty[party.kind] = (summary.byParty[party.kind] ?? 0) + 1;
    if (o.direction === 'request') receivers.get(party.host)?.piTypes.add(o.piType);
  };
  /** Lines already serialised (SerialisedResult.lines), in order. */
  const writeLines = (lines: string): void => {
    pending += lines;
    if (pending.length >= WRITE_BATCH_CHARS) flush();
  };
  const write = (o: Observation): void => {
    writeLines(JSON.stringify(o) + '\n');
    count(o, o.party);
  };
  const workers = opts.workers ?? defaultWorkers(statSync(reader.path(RUN_FILES.flows), { throwIfNoEntry: false })?.size ?? 0);
  const given = opts.persona ? givenPersonas(opts.persona, info) : undefined;
  for (const n of given?.notes ?? []) addNote('', n);
  // Each variant's own values where the persona was a template (run.json personaByVariant), else the one persona.
  const personas = given?.personas ?? { persona: info.persona, byVariant: info.personaByVariant };
  // Media are inspected in this thread whether flows are analysed here or in workers (flow-pool.ts).
  const inspect = opts.inspect ?? cachedInspect(inspectMedia);
  const pool = workers > 0 ? new FlowPool({ runDir, catalogs: { piTypes: catalogs.piTypes }, personas, limits: opts.limits, decodeEveryBody: opts.decodeEveryBody }, workers, inspect) : undefined;
  const env: FlowEnv | undefined = pool ? undefined : { reader, detector: new PiDetector(catalogs, personas), inspect, limits: opts.limits, ...(opts.decodeEveryBody ? {} : { bodies: new BodyCache() }) };
  // Flows being analysed, oldest first; results are taken in this order, so output follows the capture.
  const ahead: Array<{ flowId: string; party: Party; result: Promise<SerialisedResult> }> = [];
  const take = async (): Promise<void> => {
    const next = ahead.shift()!;
    const r = await next.result;
    for (const n of r.notes) addNote(next.flowId, n);
    if (r.failure) {
      // One hostile flow must not stop the run: it is named, with the detector that failed.
      addNote(next.flowId, failureNote(r.failure));
      if (++summary.failedFlowsTotal <= MAX_NOTES_KEPT) summary.failedFlows.push(r.failure);
      return;
    }
    for (const c of r.candidates) linked.addCandidate(c, c.template);
    for (const f of r.facts) {
      // addKnown reads only these fields of an observation (ObservationFact); the line carries the rest.
      linked.addKnown(f as Observation);
      count(f, next.party);
    }
    writeLines(r.lines);
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
      ahead.push({ flowId: flow.id, party, result: pool ? pool.analyse({ seq: summary.flows, flow, party }) : analyzeFlowResult(flow, party, env!).then(serialiseResult) });
      if (ahead.length >= (pool?.window ?? 1)) await take();
    }
    while (ahead.length > 0) await take();
    // Hashes and copies of values found anywhere in the run, sought in what no detector claimed.
    const links = linked.resolve();
    let n = 0;
    for (const o of links.observations) write({ ...o, id: `${o.flowId}-l${++n}` });
    if (links.unchecked > 0) addNote('', `${links.unchecked} values were not checked against the hashes of values found elsewhere (bound reached)`);
    flush();
  } finally {
    closeSync(fd);
    await pool?.close();
  }
  summary.receivers = [...receivers.values()].map((r) => ({ party: r.party, flows: r.flows, phases: [...r.phases], piTypes: [...r.piTypes].sort() }));
  renameSync(tmpPath, outPath);
  writeFileSync(join(runDir, ANALYSIS_FILE), JSON.stringify(summary, null, 2) + '\n');
  opts.onProgress?.(summary.flows);
  return { observations: summary.observations, flows: summary.flows, notes: summary.notesTotal, path: outPath, personaNotes: given?.notes ?? [] };
}
