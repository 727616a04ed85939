// Runs one phase function to its outcome: completed, blocked (the app did not show what the scenario
// waited for), error (anything else: scenario, harness, browser), or not-tested (the run was stopped).
// A phase that overruns its time or is interrupted is cancelled: its `ui` refuses every further action,
// so it cannot keep driving the app while the next phase starts.

import { StepNotReached } from '../core/driver.ts';
import type { PhaseOutcome, StepName, VariantName } from '../core/phase.ts';

/** Thrown by a cancelled phase's `ui`: the phase is over, whatever it tries next. */
export class PhaseCancelled extends Error {
  constructor(reason: string) {
    super(`phase cancelled: ${reason}`);
    this.name = 'PhaseCancelled';
  }
}

/** The cancel switch of one phase, checked by its `ui` before each action. */
export class PhaseToken {
  private reason: string | undefined;

  cancel(reason: string): void {
    this.reason ??= reason;
  }

  get cancelled(): string | undefined {
    return this.reason;
  }

  throwIfCancelled(): void {
    if (this.reason !== undefined) throw new PhaseCancelled(this.reason);
  }
}

/** Resolves when the run is asked to stop (a signal); the reason says why. */
export interface StopRequest {
  readonly requested: Promise<string>;
}

/** How long a cancelled phase gets to notice before the runner moves on regardless. */
const SETTLE_MS = 5_000;

export interface PhaseRunOptions {
  phase: StepName;
  variant: VariantName;
  timeoutMs: number;
  token: PhaseToken;
  stop: StopRequest;
}

export type StepOutcome = Omit<PhaseOutcome, 'phase'> & { phase: StepName };

export async function runPhase(fn: () => Promise<unknown>, o: PhaseRunOptions): Promise<StepOutcome> {
  const { phase, variant } = o;
  let timer: NodeJS.Timeout | undefined;
  const overrun = new Promise<{ kind: 'timeout' }>((resolve) => {
    timer = setTimeout(() => resolve({ kind: 'timeout' }), o.timeoutMs);
  });
  const running = fn().then(
    () => ({ kind: 'done' as const }),
    (error: unknown) => ({ kind: 'failed' as const, error }),
  );
  const stopped = o.stop.requested.then((reason) => ({ kind: 'stopped' as const, reason }));
  try {
    const r = await Promise.race([running, overrun, stopped]);
    if (r.kind === 'done') return { phase, variant, status: 'completed' };
    if (r.kind === 'failed') return failedOutcome(phase, variant, r.error);
    const reason = r.kind === 'timeout' ? `phase took longer than ${o.timeoutMs / 1000} s and was cancelled` : `the run was stopped (${r.reason})`;
    o.token.cancel(reason);
    await Promise.race([running, new Promise((res) => setTimeout(res, SETTLE_MS).unref())]);
    return r.kind === 'timeout'
      ? { phase, variant, status: 'error', message: reason }
      : { phase, variant, status: 'not-tested', message: reason };
  } finally {
    clearTimeout(timer);
  }
}

function failedOutcome(phase: StepName, variant: VariantName, error: unknown): StepOutcome {
  if (error instanceof StepNotReached) return { phase, variant, status: 'blocked', blockedAt: error.step, message: error.message };
  const e = error instanceof Error ? error : new Error(String(error));
  return { phase, variant, status: 'error', message: firstLine(e.message) || e.name, ...(e.stack ? { stack: e.stack } : {}) };
}

function firstLine(s: string): string {
  return s.split('\n')[0] ?? '';
}
