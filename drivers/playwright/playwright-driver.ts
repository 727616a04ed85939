// Driver over Playwright and Debian's Chromium, for web and H5 targets.

import { chromium, errors, type Browser, type BrowserContext, type FrameLocator, type Locator, type Page } from 'playwright-core';
import { DEFAULT_ACTION_TIMEOUT_MS, DEFAULT_SEE_TIMEOUT_MS, StepNotReached, type ActionOptions, type Driver, type DriverScope, type DriverStartOptions } from '../../src/core/driver.ts';
import type { BrowserOptions } from '../../src/core/target.ts';
import { chromiumArgs, findChromium } from '../chromium.ts';
import { toPlaywrightSelector } from './selectors.ts';

/** A phone-sized viewport and user agent for H5 pages. */
const MOBILE = {
  viewport: { width: 390, height: 844 },
  userAgent:
    'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Mobile Safari/537.36',
  isMobile: true,
  hasTouch: true,
};
const DESKTOP = { viewport: { width: 1366, height: 900 } };
/** A screenshot takes 30-50 ms on a quiet machine; one still running after this is caught in a navigation. */
const SCREENSHOT_FIRST_TRY_MS = 1_500;

/** Playwright context options for target.browser; a phone when the runner asks for mobile and the target says nothing. */
function contextOptions(b: BrowserOptions | undefined, mobile: boolean | undefined) {
  const v = b?.viewport;
  const screen = v === 'desktop' ? DESKTOP : typeof v === 'object' ? { viewport: v } : v === 'phone' || mobile ? MOBILE : {};
  return { ...screen, ...(b?.userAgent ? { userAgent: b.userAgent } : {}), locale: b?.locale ?? 'zh-CN' };
}

/** Element actions on the page or inside an iframe: `root` is the Page or a FrameLocator. */
class PlaywrightScope implements DriverScope {
  constructor(private readonly root: () => Page | FrameLocator) {}

  private el(selector: string): Locator {
    return this.root().locator(toPlaywrightSelector(selector)).first();
  }

  async tap(selector: string, o?: ActionOptions): Promise<void> {
    await notReachedOnTimeout(`tap ${selector}`, () => this.el(selector).click({ timeout: o?.timeoutMs }));
  }

  async fill(selector: string, value: string, o?: ActionOptions): Promise<void> {
    await notReachedOnTimeout(`fill ${selector}`, () => this.el(selector).fill(value, { timeout: o?.timeoutMs }));
  }

  async see(selectorOrText: string, timeoutMs = DEFAULT_SEE_TIMEOUT_MS): Promise<void> {
    await notReachedOnTimeout(
      `see ${selectorOrText}`,
      () => this.el(selectorOrText).waitFor({ state: 'visible', timeout: timeoutMs }),
      `"${selectorOrText}" did not appear within ${timeoutMs} ms`,
    );
  }

  async isVisible(selectorOrText: string): Promise<boolean> {
    return this.el(selectorOrText).isVisible();
  }

  async isChecked(selector: string, o?: ActionOptions): Promise<boolean> {
    let out = false;
    await notReachedOnTimeout(`isChecked ${selector}`, async () => {
      out = await this.el(selector).isChecked({ timeout: o?.timeoutMs });
    });
    return out;
  }

  async select(selector: string, valueOrLabel: string, o?: ActionOptions): Promise<void> {
    const el = this.el(selector);
    await notReachedOnTimeout(`select ${selector}`, async () => {
      await el.waitFor({ state: 'attached', timeout: o?.timeoutMs });
      // A value is what the form posts; a label is what the tester reads on screen.
      const values = await el.locator('option').evaluateAll((opts) => opts.map((x) => (x as HTMLOptionElement).value));
      await el.selectOption(values.includes(valueOrLabel) ? { value: valueOrLabel } : { label: valueOrLabel }, { timeout: o?.timeoutMs });
    });
  }

  async setChecked(selector: string, checked: boolean, o?: ActionOptions): Promise<void> {
    await notReachedOnTimeout(`${checked ? 'check' : 'uncheck'} ${selector}`, () => this.el(selector).setChecked(checked, { timeout: o?.timeoutMs }));
  }

  async upload(selector: string, filePath: string, o?: ActionOptions): Promise<void> {
    await notReachedOnTimeout(`upload ${selector}`, () => this.el(selector).setInputFiles(filePath, { timeout: o?.timeoutMs }));
  }

  async press(key: string, selector?: string, o?: ActionOptions): Promise<void> {
    // Inside a frame, "what has focus" is the frame's focused element.
    await notReachedOnTimeout(`press ${key}${selector ? ` on ${selector}` : ''}`, () => this.el(selector ?? ':focus').press(key, { timeout: o?.timeoutMs }));
  }

  async text(selector: string, o?: ActionOptions): Promise<string> {
    let out = '';
    await notReachedOnTimeout(`text ${selector}`, async () => {
      out = await this.el(selector).innerText({ timeout: o?.timeoutMs });
    });
    return out;
  }

  async scroll(selector?: string, o?: ActionOptions): Promise<void> {
    if (!selector) return void (await this.root().locator('html').evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight)));
    await notReachedOnTimeout(`scroll ${selector}`, () => this.el(selector).scrollIntoViewIfNeeded({ timeout: o?.timeoutMs }));
  }

  frame(selector: string): DriverScope {
    return new PlaywrightScope(() => this.root().frameLocator(toPlaywrightSelector(selector)));
  }
}

export class PlaywrightDriver extends PlaywrightScope implements Driver {
  readonly name = 'playwright';
  private browser?: Browser;
  private context?: BrowserContext;
  private page?: Page;
  private options?: DriverStartOptions;

  constructor() {
    super(() => this.p);
  }

  async start(options: DriverStartOptions): Promise<void> {
    this.options = options;
    this.browser = await chromium.launch({
      executablePath: findChromium(),
      headless: options.headless ?? true,
      proxy: { server: options.proxy.url, bypass: '<-loopback>' },
      args: chromiumArgs({ caSpkiSha256: options.proxy.caSpkiSha256, fakeCameraVideo: options.fakeCameraVideo }),
    });
    await this.newContext();
  }

  async describe(): Promise<Record<string, string>> {
    return { browser: `Chromium ${this.browser?.version() ?? 'unknown'}`, driver: 'playwright-core' };
  }

  private async newContext(): Promise<void> {
    if (!this.browser || !this.options) throw new Error('driver not started');
    // The CA is trusted by SPKI pin (browser-wide flag), so no ignoreHTTPSErrors: a wrong CA fails loudly.
    this.context = await this.browser.newContext({
      ...contextOptions(this.options.browser, this.options.mobile),
      permissions: ['camera', 'microphone'],
    });
    this.context.setDefaultTimeout(DEFAULT_ACTION_TIMEOUT_MS);
    // Each variant's context is traced for Playwright's trace viewer; saveTrace writes it out.
    await this.context.tracing.start({ screenshots: true, snapshots: true });
    this.page = await this.context.newPage();
  }

  private get p(): Page {
    if (!this.page) throw new Error('driver not started');
    return this.page;
  }

  async goto(url: string): Promise<void> {
    await this.p.goto(url, { waitUntil: 'load' });
  }

  async waitForUrl(pattern: string | RegExp, timeoutMs = DEFAULT_SEE_TIMEOUT_MS): Promise<void> {
    await notReachedOnTimeout(
      `waitForUrl ${String(pattern)}`,
      () => this.p.waitForURL(pattern, { timeout: timeoutMs, waitUntil: 'commit' }),
      `the URL did not match ${String(pattern)} within ${timeoutMs} ms (at ${this.p.url()})`,
    );
  }

  native(): Page {
    return this.p;
  }

  override async press(key: string, selector?: string, o?: ActionOptions): Promise<void> {
    // On the page itself the keyboard needs no focused element (a shortcut on <body>).
    if (selector) return super.press(key, selector, o);
    await this.p.keyboard.press(key);
  }

  async screenshot(): Promise<Buffer> {
    // A capture that starts as the page navigates away (a tap whose handler sets location after a fetch) can
    // hang in Chromium until the timeout, and the action lost its screenshot (measured: 4 of 30 such taps
    // hung 5 s; a retry once the new page has loaded took 40 ms). So: a short first try, then the page the
    // action led to.
    try {
      return await this.p.screenshot({ fullPage: false, timeout: SCREENSHOT_FIRST_TRY_MS });
    } catch (e) {
      if (!(e instanceof errors.TimeoutError)) throw e;
      await this.p.waitForLoadState('load');
      return this.p.screenshot({ fullPage: false });
    }
  }

  async source(): Promise<string> {
    return this.p.content();
  }

  async saveTrace(file: string): Promise<void> {
    if (!this.context) throw new Error('driver not started');
    await this.context.tracing.stop({ path: file });
  }

  async reset(): Promise<void> {
    await this.context?.close();
    await this.newContext();
  }

  async stop(): Promise<void> {
    await this.browser?.close();
    this.browser = undefined;
  }
}

/**
 * Playwright's TimeoutError is the one failure that means the app did not offer what the step needs: the
 * phase is blocked there. Every other error (a file input filled, a closed browser) propagates as is and
 * makes the phase an error, which says nothing about the app.
 */
export async function notReachedOnTimeout(step: string, fn: () => Promise<unknown>, message?: string): Promise<void> {
  try {
    await fn();
  } catch (e) {
    if (e instanceof errors.TimeoutError) throw new StepNotReached(step, message ?? e.message.split('\n')[0] ?? step);
    throw e;
  }
}
