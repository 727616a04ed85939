// Driver over WebdriverIO and Appium 3: mobile web (Chromium driver), native Android (UiAutomator2)
// and native iOS (XCUITest), against a local Appium server privlab starts or a remote one.

import { remote } from 'webdriverio';
import { DriverUnsupported, DEFAULT_ACTION_TIMEOUT_MS, DEFAULT_SEE_TIMEOUT_MS, StepNotReached, type ActionOptions, type AppiumSettings, type Driver, type DriverScope, type DriverStartOptions } from '../../src/core/driver.ts';
import { readApkManifest } from '../../src/android/apk-manifest.ts';
import { attachAndroidDevice, type AndroidDevice } from './android-device.ts';
import { capabilitiesFor, type Capabilities } from './capabilities.ts';
import { freePort, startAppiumServer, type AppiumServer } from './appium-server.ts';
import { toWdioSelector, type SelectorContext } from './selectors.ts';

type Browser = WebdriverIO.Browser;

const AUTOMATION: Record<DriverStartOptions['platform'], string> = { web: 'appium:chromium', android: 'appium:uiautomator2', ios: 'appium:xcuitest' };

export class AppiumDriver implements Driver {
  private automation = 'appium';
  private server?: AppiumServer;
  private browser?: Browser;
  private caps?: Capabilities;
  private device?: AndroidDevice;
  private appPackage?: string;
  private options?: DriverStartOptions;

  /** config.url: a remote Appium server (device farm, Selenium Grid); default: a local one on 127.0.0.1. */
  constructor(private readonly config: AppiumSettings = {}) {}

  get name(): string {
    return this.automation;
  }

  private get context(): SelectorContext {
    return this.options?.platform === 'web' ? 'web' : 'native';
  }

  async start(options: DriverStartOptions): Promise<void> {
    this.options = options;
    this.automation = AUTOMATION[options.platform];
    this.appPackage = options.app?.package ?? (options.app?.apk ? (await readApkManifest(options.app.apk)).package : undefined);
    if (options.platform === 'android') {
      this.device = await attachAndroidDevice({ ...this.config, proxy: options.proxy });
    }
    this.server = this.config.url ? undefined : await startAppiumServer();
    this.caps = capabilitiesFor({
      platform: options.platform,
      proxy: options.proxy,
      fakeCameraVideo: options.fakeCameraVideo,
      mobile: options.mobile,
      headless: options.headless,
      app: options.app,
      udid: this.device?.serial ?? this.config.udid,
      ...(options.platform === 'web' ? { chromedriverPort: await freePort() } : {}),
    });
    this.browser = await this.newSession();
  }

  private async newSession(): Promise<Browser> {
    const url = new URL(this.config.url ?? this.server!.url);
    return remote({
      protocol: url.protocol.replace(':', '') as 'http' | 'https',
      hostname: url.hostname,
      port: Number(url.port || (url.protocol === 'https:' ? 443 : 80)),
      path: url.pathname === '' ? '/' : url.pathname,
      // Plain WebDriver: Appium's drivers do not all relay WebDriver BiDi, and classic needs no socket.
      capabilities: { ...this.caps, 'wdio:enforceWebDriverClassic': true } as WebdriverIO.Capabilities,
      logLevel: 'silent',
      connectionRetryCount: 1,
      waitforTimeout: DEFAULT_ACTION_TIMEOUT_MS,
    });
  }

  private get b(): Browser {
    if (!this.browser) throw new Error('driver not started');
    return this.browser;
  }

  async describe(): Promise<Record<string, string>> {
    const caps = this.b.capabilities as Record<string, unknown>;
    const status = (await fetch(`${this.config.url ?? this.server!.url}/status`).then((r) => r.json(), () => ({}))) as { value?: { build?: { version?: string } } };
    const out: Record<string, string> = { driver: `${this.automation} (WebdriverIO)`, appium: status.value?.build?.version ?? 'unknown' };
    if (caps.browserVersion) out.browser = `Chromium ${String(caps.browserVersion)}`;
    for (const key of ['platformVersion', 'deviceName', 'deviceModel', 'deviceManufacturer', 'deviceApiLevel']) {
      const v = caps[key] ?? caps[`appium:${key}`];
      if (v !== undefined) out[key] = String(v);
    }
    if (this.device) Object.assign(out, { androidDevice: this.device.serial, androidCaStore: this.device.caStore });
    return out;
  }

  private $(selector: string) {
    return this.b.$(toWdioSelector(selector, this.context));
  }

  async goto(url: string): Promise<void> {
    if (this.context === 'web') return void (await this.b.url(url));
    // Natively a URL is a deep link into the app.
    await this.b.execute('mobile: deepLink', { url, package: this.appPackage });
  }

  /** Waits for the element; only its not appearing in time blocks the phase (StepNotReached). */
  private async shown(selector: string, step: string, timeoutMs: number) {
    const el = this.$(selector);
    try {
      await el.waitForDisplayed({ timeout: timeoutMs });
    } catch (e) {
      // WebdriverIO's waitUntil timeout says "still not displayed after N ms"; a dead session says otherwise.
      if (/still not displayed|not displayed after|timed? ?out/i.test((e as Error).message)) {
        throw new StepNotReached(step, `"${selector}" did not appear within ${timeoutMs} ms`);
      }
      throw e;
    }
    return el;
  }

  async tap(selector: string): Promise<void> {
    await (await this.shown(selector, `tap ${selector}`, DEFAULT_ACTION_TIMEOUT_MS)).click();
  }

  async fill(selector: string, value: string): Promise<void> {
    await (await this.shown(selector, `fill ${selector}`, DEFAULT_ACTION_TIMEOUT_MS)).setValue(value);
  }

  async see(selectorOrText: string, timeoutMs = DEFAULT_SEE_TIMEOUT_MS): Promise<void> {
    await this.shown(selectorOrText, `see ${selectorOrText}`, timeoutMs);
  }

  async isVisible(selectorOrText: string): Promise<boolean> {
    return this.$(selectorOrText).isDisplayed();
  }

  async select(selector: string, valueOrLabel: string, o?: ActionOptions): Promise<void> {
    if (this.context !== 'web') throw new DriverUnsupported(this.name, 'select (a native <select>)');
    const el = await this.shown(selector, `select ${selector}`, o?.timeoutMs ?? DEFAULT_ACTION_TIMEOUT_MS);
    const values = await el.$$('option').map((x) => x.getAttribute('value'));
    if (values.includes(valueOrLabel)) await el.selectByAttribute('value', valueOrLabel);
    else await el.selectByVisibleText(valueOrLabel);
  }

  async isChecked(selector: string, o?: ActionOptions): Promise<boolean> {
    return this.checkedState(await this.shown(selector, `isChecked ${selector}`, o?.timeoutMs ?? DEFAULT_ACTION_TIMEOUT_MS));
  }

  async setChecked(selector: string, checked: boolean, o?: ActionOptions): Promise<void> {
    const el = await this.shown(selector, `${checked ? 'check' : 'uncheck'} ${selector}`, o?.timeoutMs ?? DEFAULT_ACTION_TIMEOUT_MS);
    if ((await this.checkedState(el)) !== checked) await el.click();
  }

  /**
   * In a page, WebDriver's Is Element Selected is a checkbox's checkedness. Natively it is not: UiAutomator2's
   * `selected` stays false on a ticked android.widget.CheckBox (appium/appium#6712, #16439), which reports
   * `checked`; an XCUITest switch reports `value` "1" or "0".
   */
  private async checkedState(el: Pick<ReturnType<Browser['$']>, 'getAttribute' | 'isSelected'>): Promise<boolean> {
    switch (this.options?.platform) {
      case 'android':
        return (await el.getAttribute('checked')) === 'true';
      case 'ios':
        return (await el.getAttribute('value')) === '1';
      default:
        return el.isSelected();
    }
  }

  async upload(selector: string, filePath: string, o?: ActionOptions): Promise<void> {
    // A file input takes a path on the machine that runs the browser: only a local Chromium session has ours.
    if (this.context !== 'web' || this.config.url) throw new DriverUnsupported(this.name, 'upload (outside a local Chromium session)');
    const el = this.$(selector);
    await el.waitForExist({ timeout: o?.timeoutMs ?? DEFAULT_ACTION_TIMEOUT_MS });
    await el.setValue(filePath);
  }

  async press(key: string, selector?: string, o?: ActionOptions): Promise<void> {
    if (selector) await (await this.shown(selector, `press ${key} on ${selector}`, o?.timeoutMs ?? DEFAULT_ACTION_TIMEOUT_MS)).click();
    // WebdriverIO names keys as Playwright does for the common ones (Enter, Tab, Escape, ArrowDown).
    await this.b.keys(key.split('+'));
  }

  async text(selector: string, o?: ActionOptions): Promise<string> {
    return (await this.shown(selector, `text ${selector}`, o?.timeoutMs ?? DEFAULT_ACTION_TIMEOUT_MS)).getText();
  }

  async scroll(selector?: string, o?: ActionOptions): Promise<void> {
    if (selector) return void (await (await this.shown(selector, `scroll ${selector}`, o?.timeoutMs ?? DEFAULT_ACTION_TIMEOUT_MS)).scrollIntoView());
    if (this.context !== 'web') throw new DriverUnsupported(this.name, 'scroll to the end of a native screen (name an element)');
    await this.b.execute(() => void window.scrollTo(0, document.documentElement.scrollHeight));
  }

  frame(): DriverScope {
    // WebDriver switches frames for the whole session; a scoped handle would need every action to switch back.
    throw new DriverUnsupported(this.name, 'frame');
  }

  async waitForUrl(pattern: string | RegExp, timeoutMs = DEFAULT_SEE_TIMEOUT_MS): Promise<void> {
    const re = typeof pattern === 'string' ? globToRegExp(pattern) : pattern;
    try {
      await this.b.waitUntil(async () => re.test(await this.b.getUrl()), { timeout: timeoutMs, interval: 200 });
    } catch (e) {
      if (!/timeout|timed out/i.test((e as Error).message)) throw e;
      throw new StepNotReached(`waitForUrl ${String(pattern)}`, `the URL did not match ${String(pattern)} within ${timeoutMs} ms`);
    }
  }

  native(): Browser {
    return this.b;
  }

  async screenshot(): Promise<Buffer> {
    return Buffer.from(await this.b.takeScreenshot(), 'base64');
  }

  async source(): Promise<string> {
    return this.b.getPageSource();
  }

  async afterVariant(): Promise<string[]> {
    return this.device && this.appPackage ? this.device.permissionMarks(this.appPackage) : [];
  }

  async reset(): Promise<void> {
    switch (this.options?.platform) {
      case undefined:
        throw new Error('driver not started');
      case 'web':
        // A new session is a new Chromium profile: cookies, storage, caches and service workers of every origin go.
        await this.b.deleteSession();
        this.browser = await this.newSession();
        return;
      case 'android':
        if (!this.appPackage) return;
        await this.b.execute('mobile: clearApp', { appId: this.appPackage });
        await this.b.execute('mobile: activateApp', { appId: this.appPackage });
        return;
      case 'ios': {
        // XCUITest cannot clear an app's data in place; terminating gives a cold start (see README).
        const bundleId = this.options.app?.bundleId;
        if (!bundleId) return;
        await this.b.execute('mobile: terminateApp', { bundleId });
        await this.b.execute('mobile: activateApp', { bundleId });
        return;
      }
    }
  }

  async stop(): Promise<void> {
    await this.browser?.deleteSession().catch(() => {});
    this.browser = undefined;
    await this.device?.undo().catch(() => {});
    this.device = undefined;
    await this.server?.stop();
    this.server = undefined;
  }
}

/** Playwright's URL globs: `**` any characters, `*` any but '/'. */
function globToRegExp(glob: string): RegExp {
  // eslint-disable-next-line no-control-regex -- NUL stands in for `**` while `*` is replaced
  const body = glob.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*\*/g, '\u0000').replace(/\*/g, '[^/]*').replace(/\u0000/g, '.*');
  return new RegExp(`^${body}$`);
}
