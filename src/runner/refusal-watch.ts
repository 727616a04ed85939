// The app's refusals a phase declared (ui.watchForRefusal): while an action waits for its element, these
// are watched too, so an app that says "no" (a "must accept" error, a guest-mode banner) blocks the phase
// at once, with what it showed as the reason, instead of when the action's timeout runs out.

import { StepNotReached, type DriverScope } from '../core/driver.ts';

/** How often the element and the refusals are looked at while an action waits. */
const POLL_MS = 100;

interface AwaitedElement {
  /** The step as the driver names it ("tap #go-register"): the phase is blocked there, as it would be on a timeout. */
  step: string;
  selector: string;
  timeoutMs: number;
}

/**
 * Waits until `selector` is visible (it wins when both are), or a refusal is: then the phase is blocked. Past the
 * timeout it is blocked as the driver would block it. With no refusal declared it returns at once and the action
 * waits as it always does.
 */
export async function awaitUnlessRefused(scope: Pick<DriverScope, 'isVisible'>, refusals: readonly string[], awaited: AwaitedElement, cancel: { throwIfCancelled(): void }): Promise<void> {
  if (!refusals.length) return;
  const { step, selector, timeoutMs } = awaited;
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    cancel.throwIfCancelled();
    if (await scope.isVisible(selector)) return;
    for (const refusal of refusals) {
      if (await scope.isVisible(refusal)) throw new StepNotReached(step, `the app showed "${refusal}" instead of "${selector}"`);
    }
    if (performance.now() >= deadline) throw new StepNotReached(step, `"${selector}" did not appear within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}
