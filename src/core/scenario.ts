// The shape of a scenario file: a target and one async function per phase.

import type { ActionOptions } from './driver.ts';
import type { Inbox, SmsSource } from './inbox.ts';
import type { ChoiceKind, PhaseName, VariantName } from './phase.ts';
import type { Persona, Target } from './target.ts';

/** A persona's own image, for uploads: its face photo, or the front or back of its ID card. */
export type PersonaImage = 'persona:face' | 'persona:idCardFront' | 'persona:idCardBack';

/** Element actions inside one document (the page, or an iframe of it). */
export interface UiScope {
  tap(selector: string, o?: ActionOptions): Promise<void>;
  /** Fill a field. Pass a persona key ('phone') via `persona.*` values; the timeline records which field was used. */
  fill(selector: string, value: string, o?: ActionOptions): Promise<void>;
  /** The success condition of a step: waits for text/selector; if it never appears, the phase is blocked here. */
  see(selectorOrText: string, timeoutMs?: number): Promise<void>;
  isVisible(selectorOrText: string): Promise<boolean>;
  /**
   * Whether a checkbox, radio or switch is on now (recorded, like every read): an opt-in's initial state for
   * `consent.defaultState`. If it does not appear in time, the phase is blocked here.
   */
  isChecked(selector: string, o?: ActionOptions): Promise<boolean>;
  /** Choose an option of a native <select> by value, or else by visible label. */
  select(selector: string, valueOrLabel: string, o?: ActionOptions): Promise<void>;
  check(selector: string, o?: ActionOptions): Promise<void>;
  uncheck(selector: string, o?: ActionOptions): Promise<void>;
  /** Put a file into a file input: a path (relative to the working directory) or one of the persona's images. */
  upload(selector: string, file: string | PersonaImage, o?: ActionOptions): Promise<void>;
  /** Press a key ('Enter', 'Tab', 'Control+A') on `o.on`, or on whatever has focus. */
  press(key: string, o?: ActionOptions & { on?: string }): Promise<void>;
  /** The element's visible text (recorded, like every action). */
  text(selector: string, o?: ActionOptions): Promise<string>;
  /** Scroll the element into view, or the page to its end. */
  scroll(selector?: string, o?: ActionOptions): Promise<void>;
  /** The document inside the iframe the selector names. */
  frame(selector: string): UiScope;
}

/** UI actions a phase may take; each is recorded in the timeline with a screenshot. */
export interface Ui extends UiScope {
  goto(pathOrUrl: string): Promise<void>;
  /** Wait until the URL matches (glob with `*`/`**`, or a RegExp); if it never does, the phase is blocked here. */
  waitForUrl(pattern: string | RegExp, o?: ActionOptions): Promise<void>;
  /**
   * Declares what the app shows when it refuses to go on (a "must accept" error, a guest-mode banner). For the
   * rest of the phase, see, tap, fill, select, check and uncheck watch for it while they wait for their element:
   * when it shows and the element does not, the phase is blocked at that action at once, with what the app
   * showed as the reason, instead of when the action's timeout runs out. The element wins when both show.
   */
  watchForRefusal(selectorOrText: string): void;
  /**
   * The driver's own object, for what this API lacks: Playwright's `Page`, or WebdriverIO's browser.
   * Wrap what you do with it in `record` so it is still in the timeline.
   */
  driverObject<T = unknown>(): T;
  /** Runs `fn` as one recorded step named `label` (screenshot after, error recorded as for any action). */
  record<T>(label: string, fn: () => Promise<T>): Promise<T>;
}

/** Subjects are ids of config/consent-subjects.yaml; an unknown id is an error naming that file. */
export interface ConsentApi {
  /**
   * Record that the user accepted by doing `act` (e.g. tapping 同意). Several subjects mean one act covered
   * them all (one tap for the policy and marketing): one consent event listing them, which is bundled consent.
   */
  accept(subjects: string | string[], act: () => Promise<void>): Promise<void>;
  /** Record that the user refused `subject` by doing `act`. */
  refuse(subjects: string | string[], act: () => Promise<void>): Promise<void>;
  /** Record that the user withdrew consent to `subject` by doing `act` (the scenario's withdraw step). */
  withdraw(subjects: string | string[], act: () => Promise<void>): Promise<void>;
  /** The app asked for `subject` (a prompt or dialog the scenario saw): asking again after a refusal is re-asking. */
  asked(subject: string): Promise<void>;
  /** The state an opt-in for `subject` was in when first shown; `true` means pre-ticked. */
  defaultState(subject: string, checked: boolean): Promise<void>;
}

export interface ChoiceBranches {
  accept: () => Promise<void>;
  refuse: () => Promise<void>;
}

/**
 * A choice point: the variant decides whether `accept` or `refuse` runs.
 * `subject` names what is chosen ('face', 'education', 'camera permission').
 */
export interface ChoiceOptions {
  /**
   * PI types (slugs from config/pi-types.yaml) the choice covers. An optional item the user accepted and
   * could refuse without losing the basic function is reported as collected with the user's choice.
   */
  piTypes?: string[];
}

export type ChoiceFn = (kind: ChoiceKind, subject: string, branches: ChoiceBranches, options?: ChoiceOptions) => Promise<'accept' | 'refuse'>;

export interface PhaseContext {
  ui: Ui;
  persona: Persona;
  target: Target;
  consent: ConsentApi;
  choice: ChoiceFn;
  variant: VariantName;
  /** Mails the app sent (target.smtp); a mail that does not come in time blocks the phase. */
  inbox: Inbox;
  /** SMS codes from the lab's source (PRIVLAB_SMS_SOURCE). */
  sms: SmsSource;
  /** Free-form note into the timeline. */
  mark(label: string): Promise<void>;
}

export type PhaseFn = (ctx: PhaseContext) => Promise<void>;

export interface Scenario {
  target: Target;
  /** Persona file (YAML) relative to the scenario, or an inline persona. */
  persona?: string | Persona;
  register?: PhaseFn;
  login?: PhaseFn;
  verify?: PhaseFn;
  delete?: PhaseFn;
  /**
   * Variant withdraw-optional only, right after register (which accepted everything): withdraws the optional
   * consents through the app (`consent.withdraw`). Login, verify and delete then show whether the app honours it.
   * A scenario with this step is also run under withdraw-optional by default.
   */
  withdraw?: PhaseFn;
  /**
   * Runs after delete: tries the old credentials / profile again. Its outcome is recorded as the
   * phase 'delete' check `deletion-effective` so the cancellation-ineffective rule can use it.
   */
  afterDelete?: (ctx: PhaseContext) => Promise<'still-present' | 'gone'>;
  /**
   * Brings up what the scenario drives when it is local (the sample apps): returns a host map
   * (hostname -> 127.0.0.1:port) the capture engine routes to, and a stop function.
   */
  serve?: () => Promise<LocalApp>;
}

export interface LocalApp {
  hosts: Record<string, string>;
  /** Forget all accounts so each variant starts from a fresh install. */
  reset(): Promise<void>;
  stop(): Promise<void>;
}

export const PHASE_ORDER: readonly PhaseName[] = ['register', 'login', 'verify', 'delete'];

export function defineScenario(s: Scenario): Scenario {
  return s;
}
