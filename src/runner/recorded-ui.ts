// The `ui` a phase sees: every action goes to the driver, then into the timeline with a screenshot.

import { resolve } from 'node:path';
import { DEFAULT_ACTION_TIMEOUT_MS, DEFAULT_SEE_TIMEOUT_MS, type ActionOptions, type Driver, type DriverScope } from '../core/driver.ts';
import type { StepName, VariantName } from '../core/phase.ts';
import type { PersonaImage, Ui, UiScope } from '../core/scenario.ts';
import type { Persona } from '../core/target.ts';
import type { TimelineEventInput } from '../core/timeline.ts';
import { awaitUnlessRefused } from './refusal-watch.ts';

export interface TimelineSink {
  appendTimeline(e: TimelineEventInput): { seq: number };
  putScreenshot(png: Buffer): string;
  putBody(bytes: Buffer, meta?: { contentType?: string }): { sha256: string };
}

export interface UiPosition {
  phase: StepName | null;
  variant: VariantName | null;
}

/** Lets the runner cancel a phase: every action checks it first (see PhaseToken). */
export interface CancelCheck {
  throwIfCancelled(): void;
}

export function recordedUi(
  driver: Driver,
  sink: TimelineSink,
  where: () => UiPosition,
  baseUrl: string | undefined,
  persona: Persona,
  cancel: CancelCheck = { throwIfCancelled: () => {} },
): Ui {
  // What this phase declared the app shows when it refuses (ui.watchForRefusal).
  const refusals: string[] = [];
  const step = async (action: string, target: string, fn: () => Promise<void>, valueRef?: string): Promise<void> => {
    cancel.throwIfCancelled();
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
    // Only "did not appear in time" (StepNotReached, from the driver) blocks the phase: any other failure
    // (a file input filled, a crashed browser, a dead proxy) is the harness's or the scenario's error.
    if (error !== undefined) throw error;
  };

  // A recorded step that also hands back what it read.
  const read = async <T>(action: string, target: string, fn: () => Promise<T>): Promise<T> => {
    let out: T | undefined;
    await step(action, target, async () => {
      out = await fn();
    });
    return out as T;
  };

  // `prefix` names the iframe chain, so a frame's actions read "iframe#pay >> #card" in the timeline.
  const inScope = (scope: DriverScope, prefix: string): UiScope => {
    const at = (selector: string) => prefix + selector;
    // Actions that need their element visible also watch for a declared refusal while they wait for it.
    const visibleThen = (action: string, selector: string, timeoutMs: number, fn: () => Promise<void>) => async () => {
      await awaitUnlessRefused(scope, refusals, { step: `${action} ${selector}`, selector, timeoutMs }, cancel);
      await fn();
    };
    const acting = (action: string, selector: string, o: ActionOptions | undefined, fn: () => Promise<void>) =>
      visibleThen(action, selector, o?.timeoutMs ?? DEFAULT_ACTION_TIMEOUT_MS, fn);
    return {
      tap: (selector, o) => step('tap', at(selector), acting('tap', selector, o, () => scope.tap(selector, o))),
      fill: (selector, value, o) => step('fill', at(selector), acting('fill', selector, o, () => scope.fill(selector, value, o)), personaRef(persona, value)),
      see: (selector, timeoutMs) => step('see', at(selector), visibleThen('see', selector, timeoutMs ?? DEFAULT_SEE_TIMEOUT_MS, () => scope.see(selector, timeoutMs))),
      isVisible: (selector) => scope.isVisible(selector),
      isChecked: (selector, o) => read('isChecked', at(selector), () => scope.isChecked(selector, o)),
      select: (selector, valueOrLabel, o) => step('select', at(selector), acting('select', selector, o, () => scope.select(selector, valueOrLabel, o)), personaRef(persona, valueOrLabel)),
      check: (selector, o) => step('check', at(selector), acting('check', selector, o, () => scope.setChecked(selector, true, o))),
      uncheck: (selector, o) => step('uncheck', at(selector), acting('uncheck', selector, o, () => scope.setChecked(selector, false, o))),
      upload: (selector, file, o) => {
        const { path, ref } = uploadFile(persona, file);
        return step('upload', at(selector), () => scope.upload(selector, path, o), ref);
      },
      press: (key, o) => step('press', o?.on ? `${key} on ${at(o.on)}` : key, () => scope.press(key, o?.on, o)),
      text: (selector, o) => read('text', at(selector), () => scope.text(selector, o)),
      scroll: (selector, o) => step('scroll', selector ? at(selector) : `${prefix}end of page`, () => scope.scroll(selector, o)),
      frame: (selector) => inScope(scope.frame(selector), `${at(selector)} >> `),
    };
  };

  return {
    ...inScope(driver, ''),
    goto: (pathOrUrl) => {
      const url = baseUrl ? new URL(pathOrUrl, baseUrl).toString() : pathOrUrl;
      return step('goto', url, () => driver.goto(url));
    },
    waitForUrl: (pattern, o) => step('waitForUrl', String(pattern), () => driver.waitForUrl(pattern, o?.timeoutMs)),
    watchForRefusal: (selectorOrText) => {
      if (!refusals.includes(selectorOrText)) refusals.push(selectorOrText);
    },
    driverObject: <T>() => driver.native() as T,
    record: (label, fn) => read('driver', label, fn),
  };
}

const PERSONA_IMAGES: Record<PersonaImage, 'faceImage' | 'idCardFrontImage' | 'idCardBackImage'> = {
  'persona:face': 'faceImage',
  'persona:idCardFront': 'idCardFrontImage',
  'persona:idCardBack': 'idCardBackImage',
};

/** The file an upload sends, and how the timeline names it (a persona field, or the path given). */
function uploadFile(persona: Persona, file: string): { path: string; ref: string } {
  const field = PERSONA_IMAGES[file as PersonaImage];
  if (!field) return { path: resolve(file), ref: `file ${file}` };
  const path = persona[field];
  if (!path) throw new Error(`upload ${file}: the persona has no ${field}`);
  return { path, ref: `persona.${field}` };
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
