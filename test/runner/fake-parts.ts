// A scripted driver and a recording capture engine for the runner's own tests: the runner's loop is what
// these tests are about, not Chromium or the proxy (the e2e suite drives those for real).

import { StepNotReached, type Driver } from '../../src/core/driver.ts';
import type { CaptureContext, CaptureEngine } from '../../src/core/capture.ts';

export interface FakeDriverScript {
  /** Selectors that never appear: see/tap/fill throw StepNotReached. */
  missing?: string[];
  /** Selectors whose action throws a plain Error (the harness's or the scenario's failure). */
  broken?: Record<string, string>;
  /** Checkboxes that are ticked (isChecked says true); any other is unticked. */
  checked?: string[];
  /** Selectors whose action takes this long (ms). */
  slow?: Record<string, number>;
  /** driver.stop() throws this. */
  stopError?: string;
}

export interface FakeDriver extends Driver {
  /** Every action the driver performed, as "action selector", in order. */
  readonly calls: string[];
}

export function fakeDriver(script: FakeDriverScript = {}): FakeDriver {
  const calls: string[] = [];
  const act = (action: string) => async (selector: string) => {
    const wait = script.slow?.[selector];
    if (wait) await new Promise((r) => setTimeout(r, wait));
    calls.push(`${action} ${selector}`);
    if (script.missing?.includes(selector)) throw new StepNotReached(`${action} ${selector}`, `"${selector}" did not appear`);
    const broken = script.broken?.[selector];
    if (broken) throw new Error(broken);
  };
  const driver = {
    name: 'fake',
    calls,
    start: async () => {},
    describe: async () => ({ driver: 'fake' }),
    goto: act('goto'),
    tap: act('tap'),
    fill: act('fill'),
    see: act('see'),
    isVisible: async (s: string) => !script.missing?.includes(s),
    isChecked: async (s: string) => {
      await act('isChecked')(s);
      return script.checked?.includes(s) ?? false;
    },
    screenshot: async () => Buffer.from('png'),
    source: async () => '<html></html>',
    reset: async () => {
      calls.push('reset');
    },
    stop: async () => {
      if (script.stopError) throw new Error(script.stopError);
    },
  };
  // Only what the runner's loop uses: optional driver hooks are absent, as on a driver without them.
  return driver as unknown as FakeDriver;
}

export interface RecordingEngine extends CaptureEngine {
  readonly contexts: CaptureContext[];
  stopped: boolean;
}

export function recordingEngine(): RecordingEngine {
  const contexts: CaptureContext[] = [];
  const engine = {
    name: 'embedded' as const,
    contexts,
    stopped: false,
    start: async () => ({ url: 'http://127.0.0.1:9', caSpkiSha256: 'x', caCertPem: 'x' }),
    setContext: (c: CaptureContext) => void contexts.push({ ...c }),
    stop: async () => {
      engine.stopped = true;
    },
  };
  return engine;
}
