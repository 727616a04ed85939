// Driver over Playwright and Debian's Chromium, for web and H5 targets.

import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { StepNotReached, type Driver, type DriverStartOptions } from '../../src/core/driver.ts';
import { chromiumArgs, findChromium } from '../chromium.ts';
import { toPlaywrightSelector } from './selectors.ts';

const DEFAULT_SEE_TIMEOUT_MS = 5_000;
const ACTION_TIMEOUT_MS = 10_000;

/** A phone-sized viewport and user agent for H5 pages. */
const MOBILE = {
  viewport: { width: 390, height: 844 },
  userAgent:
    'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Mobile Safari/537.36',
};

export class PlaywrightDriver implements Driver {
  readonly name = 'playwright';
  private browser?: Browser;
  private context?: BrowserContext;
  private page?: Page;
  private options?: DriverStartOptions;

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
      ...(this.options.mobile ? { ...MOBILE, isMobile: true, hasTouch: true } : {}),
      locale: 'zh-CN',
      permissions: ['camera', 'microphone'],
    });
    this.context.setDefaultTimeout(ACTION_TIMEOUT_MS);
    this.page = await this.context.newPage();
  }

  private get p(): Page {
    if (!this.page) throw new Error('driver not started');
    return this.page;
  }

  async goto(url: string): Promise<void> {
    await this.p.goto(url, { waitUntil: 'load' });
  }

  async tap(selector: string): Promise<void> {
    await this.p.locator(toPlaywrightSelector(selector)).first().click();
  }

  async fill(selector: string, value: string): Promise<void> {
    await this.p.locator(toPlaywrightSelector(selector)).first().fill(value);
  }

  async see(selectorOrText: string, timeoutMs = DEFAULT_SEE_TIMEOUT_MS): Promise<void> {
    try {
      await this.p.locator(toPlaywrightSelector(selectorOrText)).first().waitFor({ state: 'visible', timeout: timeoutMs });
    } catch {
      throw new StepNotReached(`see ${selectorOrText}`, `"${selectorOrText}" did not appear within ${timeoutMs} ms`);
    }
  }

  async isVisible(selectorOrText: string): Promise<boolean> {
    return this.p.locator(toPlaywrightSelector(selectorOrText)).first().isVisible();
  }

  async screenshot(): Promise<Buffer> {
    return this.p.screenshot({ fullPage: false });
  }

  async source(): Promise<string> {
    return this.p.content();
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
