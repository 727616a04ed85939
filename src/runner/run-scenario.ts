// Runs a scenario once per variant: starts the local app (if any), the capture engine and the driver,
// then each phase in order, writing run.json, timeline.jsonl, flows.jsonl, bodies/ and screenshots/.

import { basename, join, relative } from 'node:path';
import { createCaptureEngine, type LiveCaptureEngineName } from '../capture/select-engine.ts';
import { loadCatalogs } from '../core/catalog-loader.ts';
import { EXIT } from '../core/exit-codes.ts';
import type { CaptureEngine } from '../core/capture.ts';
import type { AppiumSettings, Driver, DriverName } from '../core/driver.ts';
import { DELETE_CHECK, PHASES, WITHDRAW, type PhaseName, type PhaseOutcome, type StepName, type VariantName } from '../core/phase.ts';
import type { LocalApp, PhaseContext } from '../core/scenario.ts';
import type { RunInfo } from '../core/run.ts';
import { StageClock, type StageTime } from '../core/stage-clock.ts';
import { expandPersona, fieldValue, templatedFields } from '../core/persona-template.ts';
import { SECRET_PERSONA_FIELDS, type Persona } from '../core/target.ts';
import { PRIVLAB_VERSION } from '../core/version.ts';
import { runId, traceFile } from '../evidence/run-layout.ts';
import { loadOrCreatePersonaKey, protectPersona } from '../evidence/persona-secrets.ts';
import { RunWriter } from '../evidence/run-writer.ts';
import { fakeCameraVideo } from './fake-camera.ts';
import { loadScenario, ScenarioError } from './load-scenario.ts';
import { startMessages, type RunMessages } from './inbox-start.ts';
import { phaseContext } from './phase-context.ts';
import { PhaseToken, runPhase, type StepOutcome, type StopRequest } from './phase-run.ts';
import { createDriver } from './select-driver.ts';

export interface RunOptions {
  scenarioFile: string;
  /** Parent folder of run directories (reports/runs). */
  outRoot: string;
  /** Exact run directory, overriding outRoot/<id>; it must not exist yet (or be empty). */
  outDir?: string;
  variants: VariantName[];
  engine: LiveCaptureEngineName;
  driver: DriverName;
  /** --driver appium: the server (a local one when absent) and the local Android device's udid and CA store. */
  appium?: AppiumSettings;
  headless?: boolean;
  /** A phase that takes longer than this is cancelled and recorded as an error. */
  phaseTimeoutMs?: number;
  onProgress?: (line: string) => void;
  /** Stands in for the real driver and engine in the runner's own tests. */
  parts?: {
    driver?: () => Driver;
    engine?: (sink: RunWriter, hostMap: Record<string, string>) => CaptureEngine;
  };
}

export interface RunResult {
  runDir: string;
  info: RunInfo;
  /** Wall time of set-up, each variant and teardown. */
  timings: StageTime[];
}

/** The run was stopped by a signal; run.json says so and what was captured is on disk. */
export class RunInterrupted extends Error {
  readonly exitCode = EXIT.interrupted;

  constructor(
    readonly signal: NodeJS.Signals,
    readonly runDir: string,
  ) {
    super(`interrupted by ${signal}; the run directory ${runDir} keeps what was captured and is marked incomplete`);
    this.name = 'RunInterrupted';
  }
}

const DEFAULT_PHASE_TIMEOUT_MS = 120_000;

/** A signal sets the stop request; the runner cancels the running phase and still tears everything down. */
function watchSignals(): StopRequest & { signal?: NodeJS.Signals; dispose(): void } {
  let resolveStop!: (reason: string) => void;
  const requested = new Promise<string>((r) => (resolveStop = r));
  const state: StopRequest & { signal?: NodeJS.Signals; dispose(): void } = {
    requested,
    dispose: () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
  const onSignal = (sig: NodeJS.Signals) => {
    state.signal ??= sig;
    resolveStop(`interrupted by ${sig}`);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return state;
}

export async function runScenario(o: RunOptions): Promise<RunResult> {
  const { file, scenario, persona } = await loadScenario(o.scenarioFile);
  const { target } = scenario;
  const progress = o.onProgress ?? (() => {});
  const variants = variantsFor(o.variants, scenario.withdraw !== undefined, file, progress);
  const writer = o.outDir ? RunWriter.createNew(o.outDir) : RunWriter.createUnique(o.outRoot, runId(target.name));
  const runDir = writer.dir;
  const info: RunInfo = {
    id: basename(runDir),
    privlabVersion: PRIVLAB_VERSION,
    target,
    scenario: relative(process.cwd(), file) || file,
    source: 'scenario',
    variants,
    engine: o.engine,
    driver: o.driver,
    tools: { node: process.version },
    startedAt: new Date().toISOString(),
    complete: false,
    outcomes: [],
  };
  // Each variant's own persona when it is a template, recorded before anything runs so a crashed run has them.
  const personas = variantPersonas(persona, variants, info.id);
  // Secrets only as keyed hashes: a run directory never holds them in clear.
  const key = loadOrCreatePersonaKey();
  info.persona = protectPersona(persona, key);
  if (personas) info.personaByVariant = Object.fromEntries([...personas].map(([v, p]) => [v, protectPersona(p, key)]));
  writer.writeRunInfo(info);
  const stop = watchSignals();
  const clock = new StageClock();
  const record = (outcome: StepOutcome & { phase: PhaseName }) => {
    info.outcomes.push(outcome);
    writer.writeRunInfo(info);
  };

  let app: LocalApp | undefined;
  let engine: CaptureEngine | undefined;
  let driver: Driver | undefined;
  let messages: RunMessages | undefined;
  let position: { phase: StepName | null; variant: VariantName | null } = { phase: null, variant: null };
  try {
    if (scenario.serve) {
      progress(`starting ${target.name} (local sample app)`);
      app = await scenario.serve();
    }
    const hostMap = app?.hosts ?? {};
    const eng =
      o.parts?.engine?.(writer, hostMap) ??
      createCaptureEngine(o.engine, { sink: writer, hostMap, harnessHosts: loadCatalogs().browserHosts.map((h) => h.host) });
    engine = eng;
    const proxy = await eng.start();
    progress(`capture: ${o.engine} proxy on ${proxy.url}`);
    messages = await startMessages(target, writer, () => position);
    if (messages.smtpPort) progress(`inbox: SMTP sink on 127.0.0.1:${messages.smtpPort}`);
    const camera = persona.faceImage ? await fakeCameraVideo(persona.faceImage) : undefined;
    driver = o.parts?.driver?.() ?? createDriver(o.driver, o.appium);
    await driver.start({ platform: target.platform, proxy, fakeCameraVideo: camera, mobile: true, headless: o.headless ?? true, app: target.app, browser: target.browser });
    info.tools = { ...info.tools, ...(await driver.describe()), captureEngine: o.engine };
    writer.writeRunInfo(info);
    clock.lap('set-up');

    for (const variant of variants) {
      if (stop.signal) break;
      position = { phase: null, variant };
      writer.appendTimeline({ type: 'variant-start', phase: null, variant });
      if (personas) progress(`[${variant}] persona: ${shownFields(persona, personas.get(variant)!)}`);
      await app?.reset();
      await driver.reset();
      let stoppedAt: StepName | undefined;
      for (const phase of PHASES) {
        const fn = scenario[phase];
        if (stop.signal) break;
        if (!fn) {
          record({ phase, variant, status: 'not-tested', message: 'not scripted' });
          continue;
        }
        if (stoppedAt) {
          record({ phase, variant, status: 'not-run', message: `${stoppedAt} did not complete` });
          continue;
        }
        const step = await runStep(phase, variant, (ctx) => fn(ctx));
        record(step as StepOutcome & { phase: PhaseName });
        if (step.status !== 'completed') stoppedAt = phase;
        else if (phase === 'register' && variant === 'withdraw-optional' && scenario.withdraw) {
          // Withdrawal in a step of its own: what follows shows whether the app honours it.
          const withdrawn = await runStep(WITHDRAW, variant, (ctx) => scenario.withdraw!(ctx));
          if (withdrawn.status !== 'completed') stoppedAt = WITHDRAW;
        }
      }
      const deleted = info.outcomes.some((x) => x.variant === variant && x.phase === 'delete' && x.status === 'completed');
      if (deleted && scenario.afterDelete && !stop.signal) {
        // The harness's own check, in a step of its own: its re-login is not what the app's cancellation collects.
        let result: string | undefined;
        const check = await runStep(DELETE_CHECK, variant, async (ctx) => {
          result = await scenario.afterDelete!(ctx);
        });
        const label = check.status === 'completed' && result ? `deletion-check: ${result}` : `deletion-check: ${check.status} ${check.message ?? ''}`.trim();
        writer.appendTimeline({ type: 'mark', phase: DELETE_CHECK, variant, label });
        progress(`[${variant}] deletion check: ${label.replace('deletion-check: ', '')}`);
      }
      position = { phase: null, variant };
      eng.setContext(position);
      // What the driver reports after this variant (Android: the app's requested and granted permissions).
      for (const label of (await driver.afterVariant?.()) ?? []) writer.appendTimeline({ type: 'mark', ...position, label });
      if (driver.saveTrace) await saveTrace(driver.saveTrace.bind(driver), variant);
      writer.appendTimeline({ type: 'variant-end', phase: null, variant });
      clock.lap(variant);
    }
    if (stop.signal) info.incompleteReason = `interrupted by ${stop.signal}`;
    else info.complete = true;
  } catch (e) {
    info.incompleteReason = (e as Error).message.split('\n')[0];
    throw e;
  } finally {
    stop.dispose();
    const teardown: Array<[string, (() => Promise<unknown>) | undefined]> = [
      ['driver', driver && (() => driver!.stop())],
      ['capture engine', engine && (() => engine!.stop())],
      ['inbox', messages && (() => messages!.stop())],
      ['local app', app && (() => app!.stop())],
    ];
    for (const [part, stopPart] of teardown) {
      await stopPart?.().catch((e: Error) => {
        (info.teardownErrors ??= []).push(`${part}: ${e.message.split('\n')[0]}`);
        progress(`teardown: ${part} did not stop cleanly: ${e.message.split('\n')[0]}`);
      });
    }
    clock.lap('teardown');
    markUntested(info);
    info.endedAt = new Date().toISOString();
    writer.writeRunInfo(info);
    writer.sync();
    writer.close();
  }
  if (stop.signal) throw new RunInterrupted(stop.signal, runDir);
  return { runDir, info, timings: clock.times };

  /** One phase or the deletion check: its start and end in the timeline, a cancel token for its ui. */
  /** The variant's trace into traces/; a trace that cannot be written is noted, and the run goes on. */
  async function saveTrace(save: (file: string) => Promise<void>, variant: VariantName): Promise<void> {
    const rel = traceFile(variant);
    try {
      await save(join(runDir, rel));
    } catch (e) {
      const why = (e as Error).message.split('\n')[0];
      writer.appendTimeline({ type: 'mark', phase: null, variant, label: `trace not saved: ${why}` });
      progress(`[${variant}] trace not saved: ${why}`);
    }
  }

  async function runStep(step: StepName, variant: VariantName, fn: (ctx: PhaseContext) => Promise<unknown>): Promise<StepOutcome> {
    position = { phase: step, variant };
    engine!.setContext(position);
    writer.appendTimeline({ type: 'phase-start', phase: step, variant });
    const token = new PhaseToken();
    const ctx = phaseContext({ writer, driver: driver!, where: () => position, persona: personas?.get(variant) ?? persona, target, variant, token, messages: messages! });
    const outcome = await runPhase(() => fn(ctx), { phase: step, variant, timeoutMs: o.phaseTimeoutMs ?? DEFAULT_PHASE_TIMEOUT_MS, token, stop });
    const { blockedAt, message } = outcome;
    writer.appendTimeline({ type: 'phase-end', phase: step, variant, status: outcome.status, ...(blockedAt ? { blockedAt } : {}), ...(message ? { message } : {}) });
    progress(`[${variant}] ${step}: ${outcome.status}${blockedAt ? ` at "${blockedAt}"` : ''}${outcome.status === 'error' ? `: ${message}` : ''}`);
    return outcome;
  }
}

/**
 * withdraw-optional needs the scenario's withdraw step: without one it is dropped (with a note), so the default
 * list of every variant drives the four others for scenarios that have none.
 */
function variantsFor(asked: readonly VariantName[], hasWithdraw: boolean, file: string, progress: (line: string) => void): VariantName[] {
  if (hasWithdraw || !asked.includes('withdraw-optional')) return [...asked];
  const left = asked.filter((v) => v !== 'withdraw-optional');
  if (!left.length) throw new ScenarioError(file, 'has no withdraw step, which variant withdraw-optional needs');
  progress('withdraw-optional skipped: the scenario has no withdraw step');
  return left;
}

/** Each variant's expansion of a template persona (`{variant}`, `{run}`, `{n}`); undefined for a plain persona. */
function variantPersonas(persona: Persona, variants: readonly VariantName[], runId: string): Map<VariantName, Persona> | undefined {
  if (!templatedFields(persona).length) return undefined;
  return new Map(variants.map((variant) => [variant, expandPersona(persona, { variant, runId }).persona]));
}

/** The templated fields' values for the console; secrets by name only. */
function shownFields(template: Persona, expanded: Persona): string {
  const secret = new Set<string>(SECRET_PERSONA_FIELDS);
  return templatedFields(template)
    .map((f) => `${f}=${secret.has(f) ? '(secret)' : (fieldValue(expanded, f) ?? '')}`)
    .join(' ');
}

/** Phases a stopped run never reached are not tested: recorded so, never left for a rule to guess. */
function markUntested(info: RunInfo): void {
  if (info.complete) return;
  for (const variant of info.variants) {
    for (const phase of PHASES) {
      if (info.outcomes.some((x) => x.variant === variant && x.phase === phase)) continue;
      const outcome: PhaseOutcome = { phase, variant, status: 'not-tested', message: `the run stopped before it (${info.incompleteReason ?? 'incomplete'})` };
      info.outcomes.push(outcome);
    }
  }
}
