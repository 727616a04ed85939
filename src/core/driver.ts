// The Driver interface: what a scenario's `ui` needs from Playwright, Appium or anything else.

import type { Platform, Target } from './target.ts';

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
}

export interface Driver {
  /** 'playwright', 'appium:chromium', 'appium:uiautomator2' ... */
  readonly name: string;
  start(options: DriverStartOptions): Promise<void>;
  /** Versions of the browser/device/tooling, recorded in run.json. */
  describe(): Promise<Record<string, string>>;
  goto(url: string): Promise<void>;
  tap(selector: string): Promise<void>;
  fill(selector: string, value: string): Promise<void>;
  /** Wait until the text or selector is visible; throws a StepFailed-like error after timeoutMs. */
  see(selectorOrText: string, timeoutMs?: number): Promise<void>;
  isVisible(selectorOrText: string): Promise<boolean>;
  screenshot(): Promise<Buffer>;
  /** Page source (DOM or native hierarchy) for failure evidence. */
  source(): Promise<string>;
  /** Fresh app state (cookies, storage, app data) between variants. */
  reset(): Promise<void>;
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
