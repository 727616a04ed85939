// The runner's variant and phase loop, with a scripted driver and a recording engine.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunInfo } from '../../src/core/run.ts';
import type { TimelineEvent } from '../../src/core/timeline.ts';
import { runScenario, RunInterrupted, type RunOptions } from '../../src/runner/run-scenario.ts';
import { fakeDriver, recordingEngine, type FakeDriverScript } from './fake-parts.ts';

const SCENARIO = join(import.meta.dirname, 'scenarios', 'steps.ts');
const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), 'privlab-runner-'));
  dirs.push(d);
  return d;
};
afterEach(() => void dirs.splice(0));

async function run(script: FakeDriverScript, o: Partial<RunOptions> = {}) {
  const driver = fakeDriver(script);
  const engine = recordingEngine();
  const result = await runScenario({
    scenarioFile: SCENARIO,
    outRoot: tmp(),
    variants: ['accept-all'],
    engine: 'embedded',
    driver: 'playwright',
    parts: { driver: () => driver, engine: () => engine },
    ...o,
  });
  const timeline = readFileSync(join(result.runDir, 'timeline.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as TimelineEvent);
  const onDisk = JSON.parse(readFileSync(join(result.runDir, 'run.json'), 'utf8')) as RunInfo;
  return { ...result, driver, engine, timeline, onDisk };
}

const status = (info: RunInfo) => info.outcomes.map((o) => `${o.variant}/${o.phase}:${o.status}`);

describe('runner', () => {
  it('a scenario that fills a file input is an error with its message and stack, not an app block', async () => {
    const r = await run({ broken: { '#photo': 'Error: Input of type "file" cannot be filled' } });
    const register = r.info.outcomes.find((o) => o.phase === 'register')!;
    expect(register.status).toBe('error');
    expect(register.message).toContain('cannot be filled');
    expect(register.stack).toMatch(/at /);
    expect(status(r.onDisk)).toEqual(['accept-all/register:error', 'accept-all/login:not-run', 'accept-all/verify:not-tested', 'accept-all/delete:not-run']);
    expect(r.timeline.find((e) => e.type === 'phase-end' && e.phase === 'register')).toMatchObject({ status: 'error' });
  });

  it('only an element that did not appear blocks the phase', async () => {
    const r = await run({ missing: ['#welcome'] });
    expect(r.info.outcomes.find((o) => o.phase === 'login')).toMatchObject({ status: 'blocked', blockedAt: 'see #welcome' });
    expect(r.info.outcomes.find((o) => o.phase === 'delete')?.status).toBe('not-run');
  });

  it('an unscripted phase is not tested', async () => {
    const r = await run({});
    expect(r.info.outcomes.find((o) => o.phase === 'verify')).toMatchObject({ status: 'not-tested', message: 'not scripted' });
    expect(r.info.complete).toBe(true);
  });

  it('a phase that overruns is cancelled: its ui refuses every further action', async () => {
    const r = await run({ slow: { '#slow': 400 } }, { phaseTimeoutMs: 100 });
    expect(r.info.outcomes.find((o) => o.phase === 'register')).toMatchObject({ status: 'error', message: expect.stringContaining('cancelled') });
    // The overrunning tap finished on its own; the phase's next action was refused.
    expect(r.driver.calls).toContain('tap #slow');
    expect(r.driver.calls).not.toContain('tap #after-slow');
    expect(r.driver.calls).not.toContain('fill #phone');
  });

  it("the deletion check runs as its own step: its actions and flows are tagged delete-check", async () => {
    const r = await run({});
    // login's #welcome is visible, so the check reports still-present: the fake has one page for both.
    const check = r.timeline.filter((e) => e.phase === 'delete-check');
    expect(check.map((e) => e.type)).toEqual(['phase-start', 'action', 'phase-end', 'mark']);
    expect(check.find((e) => e.type === 'mark')).toMatchObject({ label: 'deletion-check: still-present' });
    expect(r.engine.contexts).toContainEqual({ phase: 'delete-check', variant: 'accept-all' });
    expect(r.info.outcomes.map((o) => o.phase)).not.toContain('delete-check');
  });

  it('runs the withdraw step in withdraw-optional only, right after register, and records one act for several subjects', async () => {
    const r = await run({ checked: ['#marketing'] }, { scenarioFile: join(import.meta.dirname, 'scenarios', 'withdraw.ts'), variants: ['accept-all', 'withdraw-optional'] });
    const steps = (v: string) => r.timeline.filter((e) => e.variant === v && e.type === 'phase-start').map((e) => e.phase);
    expect(steps('accept-all')).toEqual(['register', 'login']);
    expect(steps('withdraw-optional')).toEqual(['register', 'withdraw', 'login']);
    expect(r.info.outcomes.map((o) => o.phase)).not.toContain('withdraw');
    const consent = r.timeline.filter((e) => e.type === 'consent' || e.type === 'consent-asked' || e.type === 'consent-default');
    expect(consent.filter((e) => e.variant === 'withdraw-optional').map((e) => ({ ...e, seq: 0, time: '' }))).toEqual([
      // ui.isChecked read the pre-ticked opt-in.
      { type: 'consent-default', subject: 'marketing', checked: true, phase: 'register', variant: 'withdraw-optional', seq: 0, time: '' },
      { type: 'consent', subject: 'privacy-policy', subjects: ['privacy-policy', 'marketing'], decision: 'accept', phase: 'register', variant: 'withdraw-optional', seq: 0, time: '' },
      { type: 'consent', subject: 'marketing', decision: 'withdraw', phase: 'withdraw', variant: 'withdraw-optional', seq: 0, time: '' },
      { type: 'consent-asked', subject: 'location', phase: 'login', variant: 'withdraw-optional', seq: 0, time: '' },
    ]);
    expect(r.engine.contexts).toContainEqual({ phase: 'withdraw', variant: 'withdraw-optional' });
  });

  it('ui.isChecked reads the box through the driver, is recorded like any read, and an absent box blocks the phase', async () => {
    const scenarioFile = join(import.meta.dirname, 'scenarios', 'withdraw.ts');
    const unticked = await run({}, { scenarioFile });
    expect(unticked.timeline.find((e) => e.type === 'consent-default')).toMatchObject({ checked: false });
    expect(unticked.timeline.find((e) => e.type === 'action' && e.action === 'isChecked')).toMatchObject({ target: '#marketing', ok: true, screenshot: expect.any(String) });
    const absent = await run({ missing: ['#marketing'] }, { scenarioFile });
    expect(absent.info.outcomes.find((o) => o.phase === 'register')).toMatchObject({ status: 'blocked', blockedAt: 'isChecked #marketing' });
    expect(absent.timeline.some((e) => e.type === 'consent-default')).toBe(false);
  });

  it('drops withdraw-optional, with a note, for a scenario without a withdraw step, and refuses it alone', async () => {
    const notes: string[] = [];
    const r = await run({}, { variants: ['accept-all', 'withdraw-optional'], onProgress: (l) => notes.push(l) });
    expect(r.info.variants).toEqual(['accept-all']);
    expect(notes).toContain('withdraw-optional skipped: the scenario has no withdraw step');
    await expect(run({}, { variants: ['withdraw-optional'] })).rejects.toThrow(/steps\.ts: has no withdraw step/);
  });

  it('a consent subject the catalog does not know fails the phase, naming the catalog', async () => {
    const r = await run({}, { scenarioFile: join(import.meta.dirname, 'scenarios', 'unknown-consent.ts') });
    expect(r.info.outcomes.find((o) => o.phase === 'register')).toMatchObject({ status: 'error', message: expect.stringMatching(/unknown consent subject "cookies".*consent-subjects\.yaml/) });
    expect(r.driver.calls).not.toContain('tap #agree');
  });

  it('records a teardown error in run.json instead of swallowing it, and still stops the proxy', async () => {
    const r = await run({ stopError: 'browser process already gone' });
    expect(r.onDisk.teardownErrors).toEqual(['driver: browser process already gone']);
    expect(r.engine.stopped).toBe(true);
  });

  it('a signal stops the run after cleanup: the phase in progress and the rest are not tested', async () => {
    setTimeout(() => process.emit('SIGTERM', 'SIGTERM'), 150);
    const driver = fakeDriver({ slow: { '#slow': 600 } });
    const engine = recordingEngine();
    const out = tmp();
    const err = await runScenario({
      scenarioFile: SCENARIO,
      outRoot: out,
      variants: ['accept-all', 'refuse-optional'],
      engine: 'embedded',
      driver: 'playwright',
      parts: { driver: () => driver, engine: () => engine },
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RunInterrupted);
    const runDir = (err as RunInterrupted).runDir;
    const info = JSON.parse(readFileSync(join(runDir, 'run.json'), 'utf8')) as RunInfo;
    expect(info.complete).toBe(false);
    expect(info.incompleteReason).toBe('interrupted by SIGTERM');
    expect(engine.stopped).toBe(true);
    expect(new Set(info.outcomes.map((o) => o.status))).toEqual(new Set(['not-tested']));
    expect(info.outcomes).toHaveLength(8);
  });

  it('never writes into an existing run, and two runs of one target in the same instant get two folders', async () => {
    const existing = tmp();
    writeFileSync(join(existing, 'run.json'), '{}');
    await expect(run({}, { outDir: existing })).rejects.toThrow(/already exists and is not empty/);
    const root = tmp();
    const [a, b] = await Promise.all([run({}, { outRoot: root }), run({}, { outRoot: root })]);
    expect(a.runDir).not.toBe(b.runDir);
    expect(a.info.id).not.toBe(b.info.id);
  });
});
