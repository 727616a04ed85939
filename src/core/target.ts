// The app under test, the persona who uses it, and what the app says about itself.

export type Platform = 'web' | 'android' | 'ios';

/** What the app's privacy policy declares. All optional: rules say when a finding rests on a missing declaration. */
export interface Declarations {
  /** PI types (slugs from config/pi-types.yaml) the app says it collects, with the purpose. */
  collects?: Array<{ piType: string; purpose?: string }>;
  /** Third parties the app discloses: a host/domain or a vendor id from config/vendors.yaml. */
  thirdParties?: Array<{ name: string; domains?: string[]; vendor?: string; purpose?: string }>;
  /** Whether the face step asks for separate consent (单独同意). */
  faceSeparateConsent?: boolean;
}

/**
 * What the tester looked for by hand and states in the scenario: facts the harness cannot observe by
 * driving the app. A rule that rests on one says so in its reasoning.
 */
export interface TesterStatements {
  /** The tester looked for account cancellation (注销) and found none; says where they looked. */
  noCancellation?: string;
  /** The tester looked for a way to withdraw consent (撤回同意) and found none; says where they looked. */
  noWithdrawal?: string;
}

/** How the browser presents itself. Real desktop sites need a desktop screen; H5 pages a phone. */
export interface BrowserOptions {
  /** BCP 47, default zh-CN. */
  locale?: string;
  /** 'phone' (390x844, touch, mobile user agent; the default), 'desktop' (1366x900), or an exact size. */
  viewport?: 'phone' | 'desktop' | { width: number; height: number };
  userAgent?: string;
}

export interface Target {
  name: string;
  version?: string;
  /** Category slug from config/categories.yaml, e.g. marriage_dating. */
  category: string;
  platform: Platform;
  /** Start URL for web/H5 targets. */
  url?: string;
  /** Registrable domains (or hosts) that are the app's own. */
  firstParty: string[];
  /** Native app: APK path and package, or iOS bundle id. */
  app?: { apk?: string; package?: string; activity?: string; bundleId?: string };
  declarations?: Declarations;
  testerStatements?: TesterStatements;
  /** Browser locale, screen and user agent for web targets. */
  browser?: BrowserOptions;
  /**
   * The app mails its confirmations: the runner starts the SMTP sink on 127.0.0.1:$PRIVLAB_SMTP_PORT
   * (default 2525), which the app must be configured to send to, and ctx.inbox reads it.
   */
  smtp?: boolean;
}

/**
 * The synthetic person the scenario registers as. Every field is a value analysis looks for in traffic.
 * Text fields may hold `{variant}`, `{run}` and `{n}` (src/core/persona-template.ts): each variant then gets
 * its own values, a fresh account.
 */
export interface Persona {
  name: string;
  /** The account (login) name the persona picks, where the app asks for one. */
  username?: string;
  phone: string;
  idNumber: string;
  email?: string;
  /** Secrets: never written into reports. */
  password: string;
  smsCode?: string;
  birthDate?: string;
  gender?: string;
  /** Path to an image of the persona's face; the fake camera shows it. */
  faceImage?: string;
  /** Images of the persona's ID card, front and back, for upload steps (`ui.upload(sel, 'persona:idCardFront')`). */
  idCardFrontImage?: string;
  idCardBackImage?: string;
  /** Any further values (employer, bank card, address...) keyed by PI type slug. */
  extra?: Record<string, string>;
}

/** Persona fields that are secrets and must never appear in a report. */
export const SECRET_PERSONA_FIELDS = ['password', 'smsCode'] as const;
