// A live capture: the proxy runs until the tester stops it, marks arrive by key or by marks.jsonl,
// and the run directory is written exactly as a scripted run's (source 'live').

import { basename, join } from 'node:path';
import { createCaptureEngine, type LiveCaptureEngineName } from '../capture/select-engine.ts';
import type { PrivlabCa } from '../capture/ca.ts';
import type { CaptureEngine, FlowSink } from '../core/capture.ts';
import type { ProxySettings } from '../core/driver.ts';
import type { Flow } from '../core/flow.ts';
import type { PhaseOutcome, VariantName } from '../core/phase.ts';
import type { RunInfo } from '../core/run.ts';
import type { Target } from '../core/target.ts';
import { PRIVLAB_VERSION } from '../core/version.ts';
import { runId } from '../evidence/run-layout.ts';
import { RunWriter } from '../evidence/run-writer.ts';
import { MarkTail, MARKS_FILE, type Mark } from './marks.ts';
import { LiveSession } from './session.ts';

const MARK_POLL_MS = 200;

export interface LiveCaptureOptions {
  target: Target;
  engine: LiveCaptureEngineName;
  /** Exact run directory, else <outRoot>/<id>. */
  outDir?: string;
  outRoot: string;
  listenHost: string;
  /** Client networks allowed to use a non-loopback proxy (see capture/listener-policy.ts). */
  allowClients?: string[];
  allowLoopbackUpstream?: boolean;
  port?: number;
  harnessHosts: string[];
  ca: PrivlabCa;
  /** What the tester does with consent on the device; default accept-all. */
  variant?: VariantName;
  /** Called with a line for each mark applied (or ignored). */
  onMarkApplied?: (line: string) => void;
  /** Called with each flow once it is on disk (its bodies too), as it happens. */
  onFlow?: (flow: Flow) => void;
  /** Called when a mark (or the stop) ends a phase. */
  onPhaseEnd?: (outcome: PhaseOutcome) => void;
}

export interface LiveCapture {
  runDir: string;
  proxy: ProxySettings;
  /** Applies a mark typed in the capture terminal. */
  apply(mark: Mark): void;
  /** Resolves when a 'stop' mark arrives (key q or `privlab mark stop`). */
  stopRequested: Promise<void>;
  /** Ends the phase, stops the proxy, marks run.json complete (or not, with a reason). */
  finish(incompleteReason?: string): Promise<RunInfo>;
}

export async function startLiveCapture(o: LiveCaptureOptions): Promise<LiveCapture> {
  const writer = o.outDir ? RunWriter.createNew(o.outDir) : RunWriter.createUnique(o.outRoot, runId(o.target.name));
  const runDir = writer.dir;
  const info: RunInfo = {
    id: basename(runDir),
    privlabVersion: PRIVLAB_VERSION,
    target: o.target,
    source: 'live',
    variants: [o.variant ?? 'accept-all'],
    engine: o.engine,
    tools: { node: process.version, captureEngine: o.engine },
    startedAt: new Date().toISOString(),
    complete: false,
    outcomes: [],
  };
  writer.writeRunInfo(info);

  let engine: CaptureEngine;
  let proxy: ProxySettings;
  try {
    engine = createCaptureEngine(o.engine, { sink: watched(writer, o.onFlow), listenHost: o.listenHost, allowClients: o.allowClients, allowLoopbackUpstream: o.allowLoopbackUpstream, port: o.port, harnessHosts: o.harnessHosts }, o.ca);
    proxy = await engine.start();
    // Traffic before the first mark belongs to the variant too: collection before consent is judged on it.
    engine.setContext({ phase: null, variant: o.variant ?? 'accept-all' });
  } catch (e) {
    info.incompleteReason = `the proxy did not start: ${(e as Error).message.split('\n')[0]}`;
    info.endedAt = new Date().toISOString();
    writer.writeRunInfo(info);
    writer.close();
    throw e;
  }

  const session = new LiveSession(writer, engine, o.variant ?? 'accept-all', (outcome) => {
    // A phase marked twice keeps its first outcome: the rules read one per phase.
    if (!info.outcomes.some((x) => x.phase === outcome.phase && x.variant === outcome.variant)) info.outcomes.push(outcome);
    writer.writeRunInfo(info);
    o.onPhaseEnd?.(outcome);
  });
  let requestStop!: () => void;
  const stopRequested = new Promise<void>((r) => (requestStop = r));
  const say = o.onMarkApplied ?? (() => {});
  const apply = (m: Mark): void => {
    say(session.apply(m));
    if (m.kind === 'stop') requestStop();
  };
  const tail = new MarkTail(join(runDir, MARKS_FILE));
  const pollMarks = (): void => {
    for (const m of tail.poll()) {
      if ('error' in m) say(m.error);
      else apply(m);
    }
  };
  const timer = setInterval(pollMarks, MARK_POLL_MS);

  let finished: Promise<RunInfo> | undefined;
  const finish = (incompleteReason?: string): Promise<RunInfo> =>
    (finished ??= (async () => {
      clearInterval(timer);
      pollMarks(); // marks written just before the stop still count
      session.endPhase(incompleteReason);
      await engine.stop().catch((e: Error) => say(`capture engine: ${e.message}`));
      info.complete = !incompleteReason;
      if (incompleteReason) info.incompleteReason = incompleteReason;
      info.endedAt = new Date().toISOString();
      writer.writeRunInfo(info);
      writer.sync();
      writer.close();
      return info;
    })());

  return { runDir, proxy, apply, stopRequested, finish };
}

/** The run writer, telling `onFlow` of each flow after writing it. */
function watched(writer: RunWriter, onFlow: ((flow: Flow) => void) | undefined): FlowSink {
  if (!onFlow) return writer;
  return {
    nextFlowId: () => writer.nextFlowId(),
    putBody: (bytes, meta) => writer.putBody(bytes, meta),
    appendFlow: (flow) => {
      writer.appendFlow(flow);
      onFlow(flow);
    },
  };
}
