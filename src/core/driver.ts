// The Driver interface: what a scenario's `ui` needs from Playwright, Appium or anything else.

import type { BrowserOptions, Platform, Target } from './target.ts';

/** The drivers `--driver` and privlab.config.yaml `driver` accept (src/runner/select-driver.ts builds them). */
export const DRIVER_NAMES = ['playwright', 'appium'] as const;
export type DriverName = (typeof DRIVER_NAMES)[number];

/** Where an Android device gets the CA: 'system' needs a rooted emulator image, 'user' the tester's taps, 'none' if the lab did it. */
export const ANDROID_CA_STORES = ['system', 'user', 'none'] as const;
export type AndroidCaStore = (typeof ANDROID_CA_STORES)[number];

/** privlab.config.yaml `appium`: the server, and the local Android device the driver prepares. */
export interface AppiumSettings {
  /** A remote Appium server or grid; a local one is started when absent (and then adb prepares the device). */
  url?: string;
  /** adb serial / appium:udid; default $ANDROID_SERIAL, else the only device attached. */
  udid?: string;
  /** Default: system store on an emulator, user store otherwise. */
  caStore?: AndroidCaStore;
}

export interface ProxySettings {
  /** e.g. http://127.0.0.1:8081 */
  url: string;
  /** base64 SHA-256 of the CA's SubjectPublicKeyInfo, for browsers that can trust it by pin. */
  caSpkiSha256: string;
  /** PEM of the CA certificate, for devices that install it. */
  caCertPem: string;
}

export interface DriverStartOptions {
  platform: Platform;
  proxy: ProxySettings;
  /** A .y4m file the fake camera plays, for face steps. */
  fakeCameraVideo?: string;
  /** Phone-like screen and user agent for H5 pages. */
  mobile?: boolean;
  headless?: boolean;
  /** The native app (APK and package, or iOS bundle id) for app targets. */
  app?: Target['app'];
  /** Locale, screen and user agent the scenario asks for (target.browser). */
  browser?: BrowserOptions;
}

/** How long `see` and `waitForUrl` wait by default: a page that answers at all answers sooner. */
export const DEFAULT_SEE_TIMEOUT_MS = 5_000;
/** How long an action waits for its element to become actionable by default. */
export const DEFAULT_ACTION_TIMEOUT_MS = 10_000;

export interface ActionOptions {
  /** How long the element may take to become actionable; the driver's default otherwise. */
  timeoutMs?: number;
}

/**
 * Element actions within one document: the page, or an iframe inside it. A driver that cannot do one
 * throws DriverUnsupported.
 */
export interface DriverScope {
  tap(selector: string, o?: ActionOptions): Promise<void>;
  fill(selector: string, value: string, o?: ActionOptions): Promise<void>;
  /** Wait until the text or selector is visible; throws StepNotReached after timeoutMs. */
  see(selectorOrText: string, timeoutMs?: number): Promise<void>;
  isVisible(selectorOrText: string): Promise<boolean>;
  /** Whether a checkbox, radio or switch is on; throws StepNotReached when it does not appear in time. */
  isChecked(selector: string, o?: ActionOptions): Promise<boolean>;
  /** Choose an option of a native <select> by its value, or else by its visible label. */
  select(selector: string, valueOrLabel: string, o?: ActionOptions): Promise<void>;
  setChecked(selector: string, checked: boolean, o?: ActionOptions): Promise<void>;
  /** Set a file input to a file on this machine. */
  upload(selector: string, filePath: string, o?: ActionOptions): Promise<void>;
  /** Press a key (Playwright names: 'Enter', 'Tab', 'Control+A') on the element, or on what has focus. */
  press(key: string, selector?: string, o?: ActionOptions): Promise<void>;
  /** The element's visible text. */
  text(selector: string, o?: ActionOptions): Promise<string>;
  /** Scroll the element into view, or the page to its end. */
  scroll(selector?: string, o?: ActionOptions): Promise<void>;
  /** The document inside the iframe the selector names. */
  frame(selector: string): DriverScope;
}

export interface Driver extends DriverScope {
  /** 'playwright', 'appium:chromium', 'appium:uiautomator2' ... */
  readonly name: string;
  start(options: DriverStartOptions): Promise<void>;
  /** Versions of the browser/device/tooling, recorded in run.json. */
  describe(): Promise<Record<string, string>>;
  goto(url: string): Promise<void>;
  /** Wait until the current URL matches (a glob with `*`/`**`, or a RegExp); throws StepNotReached after timeoutMs. */
  waitForUrl(pattern: string | RegExp, timeoutMs?: number): Promise<void>;
  /** The driver's own object (Playwright Page, WebdriverIO browser) for what the scenario API lacks. */
  native(): unknown;
  screenshot(): Promise<Buffer>;
  /** Page source (DOM or native hierarchy) for failure evidence. */
  source(): Promise<string>;
  /** Fresh app state (cookies, storage, app data) between variants. */
  reset(): Promise<void>;
  /** Timeline marks the driver adds after each variant (Android: the app's requested and granted permissions). */
  afterVariant?(): Promise<string[]>;
  /** Writes the trace of everything since the last reset (Playwright: screenshots, DOM snapshots, network) to file; recording resumes at the next reset. */
  saveTrace?(file: string): Promise<void>;
  stop(): Promise<void>;
}

/** Thrown by a driver when an expected element or text does not appear: the phase is blocked there. */
export class StepNotReached extends Error {
  constructor(
    readonly step: string,
    message: string,
  ) {
    super(message);
    this.name = 'StepNotReached';
  }
}

/** Thrown when a scenario asks a driver for an action it cannot do: a harness limit, never an app block. */
export class DriverUnsupported extends Error {
  constructor(driver: string, action: string) {
    super(`${action} is not supported by the ${driver} driver`);
    this.name = 'DriverUnsupported';
  }
}
