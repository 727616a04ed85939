// Runs a scenario once per variant: starts the local app (if any), the capture engine and the driver,
// then each phase in order, writing run.json, timeline.jsonl, flows.jsonl, bodies/ and screenshots/.

import { mkdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { createCaptureEngine, type LiveCaptureEngineName } from '../capture/select-engine.ts';
import { loadCatalogs } from '../core/catalog-loader.ts';
import type { CaptureEngine } from '../core/capture.ts';
import { StepNotReached, type Driver } from '../core/driver.ts';
import { PHASES, VARIANT_REFUSES, type PhaseName, type PhaseOutcome, type VariantName } from '../core/phase.ts';
import type { LocalApp, PhaseContext } from '../core/scenario.ts';
import type { RunInfo } from '../core/run.ts';
import { PRIVLAB_VERSION } from '../core/version.ts';
import { runId } from '../evidence/run-layout.ts';
import { RunWriter } from '../evidence/run-writer.ts';
import { Adb } from '../android/adb.ts';
import { prepareDevice, readPackagePermissions, type PreparedDevice } from '../android/prepare-device.ts';
import { recordPermissions } from '../android/permissions.ts';
import { fakeCameraVideo } from './fake-camera.ts';
import { loadScenario } from './load-scenario.ts';
import { recordedUi } from './recorded-ui.ts';
import { createDriver, type DriverName } from './select-driver.ts';

export interface RunOptions {
  scenarioFile: string;
  /** Parent folder of run directories (reports/runs). */
  outRoot: string;
  /** Exact run directory, overriding outRoot/<id>. */
  outDir?: string;
  variants: VariantName[];
  engine: LiveCaptureEngineName;
  driver: DriverName;
  /** Remote Appium server or grid for --driver appium; a local one is started when absent. */
  appiumUrl?: string;
  headless?: boolean;
  /** A phase that takes longer than this is stopped and recorded as an error. */
  phaseTimeoutMs?: number;
  onProgress?: (line: string) => void;
}

export interface RunResult {
  runDir: string;
  info: RunInfo;
}

const DEFAULT_PHASE_TIMEOUT_MS = 120_000;

export async function runScenario(o: RunOptions): Promise<RunResult> {
  const { file, scenario, persona } = await loadScenario(o.scenarioFile);
  const { target } = scenario;
  const progress = o.onProgress ?? (() => {});
  const id = runId(target.name);
  const runDir = o.outDir ?? join(o.outRoot, id);
  mkdirSync(runDir, { recursive: true });
  const writer = new RunWriter(runDir);
  const info: RunInfo = {
    id,
    privlabVersion: PRIVLAB_VERSION,
    target,
    scenario: relative(process.cwd(), file) || file,
    source: 'scenario',
    variants: o.variants,
    engine: o.engine,
    driver: o.driver,
    tools: { node: process.version },
    persona,
    startedAt: new Date().toISOString(),
    complete: false,
    outcomes: [],
  };
  writer.writeRunInfo(info);

  // A Ctrl-C still leaves a consistent run.json that says why the run is incomplete.
  const onSignal = (sig: NodeJS.Signals) => {
    info.incompleteReason = `interrupted by ${sig}`;
    info.endedAt = new Date().toISOString();
    writer.writeRunInfo(info);
    process.exit(130);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  let app: LocalApp | undefined;
  let engine: CaptureEngine | undefined;
  let driver: Driver | undefined;
  let device: { adb: Adb; prepared: PreparedDevice } | undefined;
  let position: { phase: PhaseName | null; variant: VariantName | null } = { phase: null, variant: null };
  try {
    if (scenario.serve) {
      progress(`starting ${target.name} (local sample app)`);
      app = await scenario.serve();
    }
    const catalogs = loadCatalogs();
    const eng = createCaptureEngine(o.engine, {
      sink: writer,
      hostMap: app?.hosts ?? {},
      harnessHosts: catalogs.browserHosts.map((h) => h.host),
    });
    engine = eng;
    const proxy = await eng.start();
    progress(`capture: ${o.engine} proxy on ${proxy.url}`);
    const camera = persona.faceImage ? await fakeCameraVideo(persona.faceImage) : undefined;
    if (target.platform === 'android') {
      // Route the device's traffic to the proxy and install the CA before the app starts.
      const adb = await Adb.connect();
      device = { adb, prepared: await prepareDevice(adb, { proxyPort: Number(new URL(proxy.url).port), caCertPem: proxy.caCertPem }) };
      progress(`android: device ${adb.serial} routed to the proxy, CA in the ${device.prepared.caStore} store`);
    }
    driver = createDriver(o.driver, { appiumUrl: o.appiumUrl });
    await driver.start({ platform: target.platform, proxy, fakeCameraVideo: camera, mobile: true, headless: o.headless ?? true, app: target.app });
    info.tools = { ...info.tools, ...(await driver.describe()), captureEngine: o.engine };
    writer.writeRunInfo(info);

    for (const variant of o.variants) {
      position = { phase: null, variant };
      writer.appendTimeline({ type: 'variant-start', phase: null, variant });
      await app?.reset();
      await driver.reset();
      const ctx = phaseContext(writer, driver, () => position, persona, scenario.target, variant);
      let stoppedAt: PhaseName | undefined;
      for (const phase of PHASES) {
        const fn = scenario[phase];
        if (!fn || stoppedAt) {
          const outcome: PhaseOutcome = { phase, variant, status: 'not-run', message: fn ? `${stoppedAt} did not complete` : 'not scripted' };
          info.outcomes.push(outcome);
          continue;
        }
        position = { phase, variant };
        eng.setContext(position);
        writer.appendTimeline({ type: 'phase-start', phase, variant });
        const outcome = await runPhase(() => fn(ctx), phase, variant, o.phaseTimeoutMs ?? DEFAULT_PHASE_TIMEOUT_MS);
        writer.appendTimeline({ type: 'phase-end', phase, variant, status: outcome.status, ...pick(outcome) });
        info.outcomes.push(outcome);
        writer.writeRunInfo(info);
        progress(`[${variant}] ${phase}: ${outcome.status}${outcome.blockedAt ? ` at "${outcome.blockedAt}"` : ''}`);
        if (outcome.status !== 'completed') stoppedAt = phase;
      }
      const deleted = info.outcomes.some((x) => x.variant === variant && x.phase === 'delete' && x.status === 'completed');
      if (deleted && scenario.afterDelete) {
        position = { phase: 'delete', variant };
        eng.setContext(position);
        const label = await scenario.afterDelete(ctx).then(
          (r) => `deletion-check: ${r}`,
          (e: Error) => `deletion-check: error ${e.message.split('\n')[0]}`,
        );
        writer.appendTimeline({ type: 'mark', ...position, label });
        progress(`[${variant}] after delete: ${label.replace('deletion-check: ', '')}`);
      }
      position = { phase: null, variant };
      eng.setContext(position);
      // Requested and granted runtime permissions, as the device reports them after this variant.
      if (device && target.app?.package) recordPermissions(writer, position, await readPackagePermissions(device.adb, target.app.package));
      writer.appendTimeline({ type: 'variant-end', phase: null, variant });
    }
    info.complete = true;
  } catch (e) {
    info.incompleteReason = (e as Error).message.split('\n')[0];
    throw e;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await driver?.stop().catch(() => {});
    await device?.prepared.undo().catch(() => {});
    await engine?.stop().catch(() => {});
    await app?.stop().catch(() => {});
    info.endedAt = new Date().toISOString();
    writer.writeRunInfo(info);
    writer.sync();
    writer.close();
  }
  return { runDir, info };
}

async function runPhase(fn: () => Promise<void>, phase: PhaseName, variant: VariantName, timeoutMs: number): Promise<PhaseOutcome> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`phase took longer than ${timeoutMs / 1000} s`)), timeoutMs);
  });
  try {
    await Promise.race([fn(), timeout]);
    return { phase, variant, status: 'completed' };
  } catch (e) {
    if (e instanceof StepNotReached) return { phase, variant, status: 'blocked', blockedAt: e.step, message: e.message };
    return { phase, variant, status: 'error', message: (e as Error).message?.split('\n')[0] ?? String(e) };
  } finally {
    clearTimeout(timer);
  }
}

function pick(o: PhaseOutcome): { blockedAt?: string; message?: string } {
  return { ...(o.blockedAt ? { blockedAt: o.blockedAt } : {}), ...(o.message ? { message: o.message } : {}) };
}

function phaseContext(
  writer: RunWriter,
  driver: Driver,
  where: () => { phase: PhaseName | null; variant: VariantName | null },
  persona: RunInfo['persona'] & object,
  target: RunInfo['target'],
  variant: VariantName,
): PhaseContext {
  const ui = recordedUi(driver, writer, where, target.url, persona);
  const consentMark = (subject: string, decision: 'accept' | 'refuse') =>
    writer.appendTimeline({ type: 'consent', ...where(), subject, decision });
  return {
    ui,
    persona,
    target,
    variant,
    // The mark goes in before the act: requests the tap triggers must come after the consent moment.
    consent: {
      accept: async (subject, act) => {
        consentMark(subject, 'accept');
        await act();
      },
      refuse: async (subject, act) => {
        consentMark(subject, 'refuse');
        await act();
      },
    },
    choice: async (kind, subject, branches) => {
      const decision = VARIANT_REFUSES[variant].includes(kind) ? 'refuse' : 'accept';
      writer.appendTimeline({ type: 'choice', ...where(), kind, subject, decision });
      if (kind === 'policy') consentMark('privacy-policy', decision);
      await branches[decision]();
      return decision;
    },
    mark: async (label) => {
      writer.appendTimeline({ type: 'mark', ...where(), label });
    },
  };
}
