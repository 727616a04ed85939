// The `ui` a phase sees: every action goes to the driver, then into the timeline with a screenshot.

import { StepNotReached, type Driver } from '../core/driver.ts';
import type { PhaseName, VariantName } from '../core/phase.ts';
import type { Ui } from '../core/scenario.ts';
import type { Persona } from '../core/target.ts';
import type { TimelineEventInput } from '../core/timeline.ts';

export interface TimelineSink {
  appendTimeline(e: TimelineEventInput): { seq: number };
  putScreenshot(png: Buffer): string;
  putBody(bytes: Buffer, meta?: { contentType?: string }): { sha256: string };
}

export interface UiPosition {
  phase: PhaseName | null;
  variant: VariantName | null;
}

export function recordedUi(driver: Driver, sink: TimelineSink, where: () => UiPosition, baseUrl: string | undefined, persona: Persona): Ui {
  const step = async (action: string, target: string, fn: () => Promise<void>, valueRef?: string): Promise<void> => {
    let error: unknown;
    try {
      await fn();
    } catch (e) {
      error = e;
    }
    const screenshot = await driver.screenshot().then((png) => sink.putScreenshot(png), () => undefined);
    // A failed step keeps the page source too: it shows what the app offered instead.
    const source = error === undefined ? undefined : await driver.source().then((s) => sink.putBody(Buffer.from(s), { contentType: 'text/html' }).sha256, () => undefined);
    sink.appendTimeline({
      type: 'action',
      ...where(),
      action,
      target,
      ...(valueRef ? { valueRef } : {}),
      ok: error === undefined,
      ...(error ? { error: (error as Error).message.split('\n')[0] } : {}),
      ...(screenshot ? { screenshot } : {}),
      ...(source ? { source } : {}),
    });
    if (error !== undefined) {
      // A UI action that cannot be done means the app did not offer it: the phase is blocked here.
      if (error instanceof StepNotReached) throw error;
      throw new StepNotReached(`${action} ${target}`, (error as Error).message.split('\n')[0] ?? String(error));
    }
  };

  return {
    goto: (pathOrUrl) => {
      const url = baseUrl ? new URL(pathOrUrl, baseUrl).toString() : pathOrUrl;
      return step('goto', url, () => driver.goto(url));
    },
    tap: (selector) => step('tap', selector, () => driver.tap(selector)),
    fill: (selector, value) => step('fill', selector, () => driver.fill(selector, value), personaRef(persona, value)),
    see: (selector, timeoutMs) => step('see', selector, () => driver.see(selector, timeoutMs)),
    isVisible: (selector) => driver.isVisible(selector),
  };
}

/** Names the persona field a filled value came from, so the timeline never holds the raw value. */
export function personaRef(persona: Persona, value: string): string {
  for (const [key, v] of Object.entries(persona)) {
    if (typeof v === 'string' && v === value) return `persona.${key}`;
  }
  for (const [key, v] of Object.entries(persona.extra ?? {})) {
    if (v === value) return `persona.extra.${key}`;
  }
  return `literal (${value.length} chars)`;
}
