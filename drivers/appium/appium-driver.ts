// Driver over WebdriverIO and Appium 3: mobile web (Chromium driver), native Android (UiAutomator2)
// and native iOS (XCUITest), against a local Appium server privlab starts or a remote one.

import { remote } from 'webdriverio';
import { StepNotReached, type Driver, type DriverStartOptions } from '../../src/core/driver.ts';
import { Adb } from '../../src/android/adb.ts';
import { readApkManifest } from '../../src/android/apk-manifest.ts';
import { prepareDevice, type CaStore, type PreparedDevice } from '../../src/android/prepare-device.ts';
import { capabilitiesFor, type Capabilities } from './capabilities.ts';
import { freePort, startAppiumServer, type AppiumServer } from './appium-server.ts';
import { toWdioSelector, type SelectorContext } from './selectors.ts';

type Browser = WebdriverIO.Browser;

const DEFAULT_SEE_TIMEOUT_MS = 5_000;
const ACTION_TIMEOUT_MS = 10_000;

export interface AppiumDriverOptions {
  /** A remote Appium server (device farm, Selenium Grid); default: a local one on 127.0.0.1. */
  serverUrl?: string;
  /** adb serial or iOS UDID; default $ANDROID_SERIAL / the only device attached. */
  udid?: string;
  /** Where the Android device gets the CA; default: system store on an emulator, user store otherwise. */
  caStore?: CaStore;
}

const AUTOMATION: Record<DriverStartOptions['platform'], string> = { web: 'appium:chromium', android: 'appium:uiautomator2', ios: 'appium:xcuitest' };

export class AppiumDriver implements Driver {
  private automation = 'appium';
  private server?: AppiumServer;
  private browser?: Browser;
  private caps?: Capabilities;
  private device?: PreparedDevice;
  private appPackage?: string;
  private options?: DriverStartOptions;

  constructor(private readonly config: AppiumDriverOptions = {}) {}

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
    // adb preparation only makes sense when the device is attached to this machine.
    if (options.platform === 'android' && !this.config.serverUrl) {
      const adb = await Adb.connect(this.config.udid);
      this.device = await prepareDevice(adb, { proxyPort: Number(new URL(options.proxy.url).port), caCertPem: options.proxy.caCertPem, caStore: this.config.caStore });
    }
    this.server = this.config.serverUrl ? undefined : await startAppiumServer();
    this.caps = capabilitiesFor({
      platform: options.platform,
      proxy: options.proxy,
      fakeCameraVideo: options.fakeCameraVideo,
      mobile: options.mobile,
      headless: options.headless,
      app: options.app,
      udid: this.config.udid ?? (options.platform === 'android' ? process.env.ANDROID_SERIAL : undefined),
      ...(options.platform === 'web' ? { chromedriverPort: await freePort() } : {}),
    });
    this.browser = await this.newSession();
  }

  private async newSession(): Promise<Browser> {
    const url = new URL(this.config.serverUrl ?? this.server!.url);
    return remote({
      protocol: url.protocol.replace(':', '') as 'http' | 'https',
      hostname: url.hostname,
      port: Number(url.port || (url.protocol === 'https:' ? 443 : 80)),
      path: url.pathname === '' ? '/' : url.pathname,
      // Plain WebDriver: Appium's drivers do not all relay WebDriver BiDi, and classic needs no socket.
      capabilities: { ...this.caps, 'wdio:enforceWebDriverClassic': true } as WebdriverIO.Capabilities,
      logLevel: 'silent',
      connectionRetryCount: 1,
      waitforTimeout: ACTION_TIMEOUT_MS,
    });
  }

  private get b(): Browser {
    if (!this.browser) throw new Error('driver not started');
    return this.browser;
  }

  async describe(): Promise<Record<string, string>> {
    const caps = this.b.capabilities as Record<string, unknown>;
    const status = (await fetch(`${this.config.serverUrl ?? this.server!.url}/status`).then((r) => r.json(), () => ({}))) as { value?: { build?: { version?: string } } };
    const out: Record<string, string> = { driver: `${this.automation} (WebdriverIO)`, appium: status.value?.build?.version ?? 'unknown' };
    if (caps.browserVersion) out.browser = `Chromium ${String(caps.browserVersion)}`;
    for (const key of ['platformVersion', 'deviceName', 'deviceModel', 'deviceManufacturer', 'deviceApiLevel']) {
      const v = caps[key] ?? caps[`appium:${key}`];
      if (v !== undefined) out[key] = String(v);
    }
    if (this.device) out.androidCaStore = this.device.caStore;
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

  async tap(selector: string): Promise<void> {
    const el = this.$(selector);
    await el.waitForDisplayed({ timeout: ACTION_TIMEOUT_MS });
    await el.click();
  }

  async fill(selector: string, value: string): Promise<void> {
    const el = this.$(selector);
    await el.waitForDisplayed({ timeout: ACTION_TIMEOUT_MS });
    await el.setValue(value);
  }

  async see(selectorOrText: string, timeoutMs = DEFAULT_SEE_TIMEOUT_MS): Promise<void> {
    try {
      await this.$(selectorOrText).waitForDisplayed({ timeout: timeoutMs });
    } catch {
      throw new StepNotReached(`see ${selectorOrText}`, `"${selectorOrText}" did not appear within ${timeoutMs} ms`);
    }
  }

  async isVisible(selectorOrText: string): Promise<boolean> {
    return this.$(selectorOrText).isDisplayed();
  }

  async screenshot(): Promise<Buffer> {
    return Buffer.from(await this.b.takeScreenshot(), 'base64');
  }

  async source(): Promise<string> {
    return this.b.getPageSource();
  }

  async reset(): Promise<void> {
    switch (this.options?.platform) {
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
