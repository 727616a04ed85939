// W3C capabilities for each target profile: mobile web through Appium's Chromium driver, native
// Android through UiAutomator2, native iOS through XCUITest. Pure functions: tested without a device.

import type { ProxySettings } from '../../src/core/driver.ts';
import type { Platform, Target } from '../../src/core/target.ts';
import { chromiumArgs } from '../chromium.ts';

export type Capabilities = Record<string, unknown>;

export interface CapabilityInput {
  platform: Platform;
  proxy: ProxySettings;
  fakeCameraVideo?: string;
  mobile?: boolean;
  headless?: boolean;
  app?: Target['app'];
  /** Chromium binary (Debian: /usr/lib/chromium/chromium, the real binary behind the /usr/bin wrapper). */
  chromiumBinary?: string;
  chromedriver?: string;
  /** A free port per session so parallel runs do not share a chromedriver. */
  chromedriverPort?: number;
  /** adb serial / iOS UDID of the device to use; default: the only one attached. */
  udid?: string;
}

/** A phone screen and user agent, the same as the Playwright driver's mobile profile. */
export const PHONE = {
  width: 390,
  height: 844,
  pixelRatio: 3,
  userAgent:
    'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Mobile Safari/537.36',
};

export function capabilitiesFor(input: CapabilityInput): Capabilities {
  switch (input.platform) {
    case 'web':
      return chromiumCapabilities(input);
    case 'android':
      return androidCapabilities(input);
    case 'ios':
      return iosCapabilities(input);
  }
}

/** The W3C proxy capability wants host:port, not a URL. */
export function proxyHostPort(proxyUrl: string): string {
  const u = new URL(proxyUrl);
  return `${u.hostname}:${u.port || (u.protocol === 'https:' ? '443' : '80')}`;
}

export function chromiumCapabilities(input: CapabilityInput): Capabilities {
  const hostPort = proxyHostPort(input.proxy.url);
  const args = [
    ...chromiumArgs({ caSpkiSha256: input.proxy.caSpkiSha256, fakeCameraVideo: input.fakeCameraVideo }),
    // Chromium skips the proxy for loopback by default; the Playwright driver proxies it too.
    '--proxy-bypass-list=<-loopback>',
    '--lang=zh-CN',
    ...(input.headless === false ? [] : ['--headless=new']),
    ...(input.mobile ? [`--window-size=${PHONE.width},${PHONE.height}`] : []),
  ];
  return {
    platformName: 'linux',
    // chromedriver wants 'chrome' here even for Chromium.
    browserName: 'chrome',
    'appium:automationName': 'Chromium',
    'appium:executable': input.chromedriver ?? '/usr/bin/chromedriver',
    'appium:autodownloadEnabled': false,
    ...(input.chromedriverPort ? { 'appium:chromedriverPort': input.chromedriverPort } : {}),
    proxy: { proxyType: 'manual', httpProxy: hostPort, sslProxy: hostPort },
    'goog:chromeOptions': {
      binary: input.chromiumBinary ?? '/usr/lib/chromium/chromium',
      args,
      ...(input.mobile
        ? {
            mobileEmulation: {
              deviceMetrics: { width: PHONE.width, height: PHONE.height, pixelRatio: PHONE.pixelRatio, touch: true, mobile: true },
              userAgent: PHONE.userAgent,
            },
          }
        : {}),
    },
  };
}

/**
 * Native Android through UiAutomator2. Permissions are not auto-granted: the dialogs are choice points
 * the scenario answers per variant. noReset keeps UiAutomator2 from wiping the app at session start;
 * the driver resets app data itself between variants.
 */
export function androidCapabilities(input: CapabilityInput): Capabilities {
  const app = input.app ?? {};
  if (!app.apk && !app.package) throw new Error('an Android target needs target.app.apk or target.app.package');
  return {
    platformName: 'Android',
    'appium:automationName': 'UiAutomator2',
    ...(app.apk ? { 'appium:app': app.apk } : {}),
    ...(app.package ? { 'appium:appPackage': app.package } : {}),
    ...(app.activity ? { 'appium:appActivity': app.activity } : {}),
    ...(input.udid ? { 'appium:udid': input.udid } : {}),
    'appium:autoGrantPermissions': false,
    'appium:noReset': true,
    'appium:fullReset': false,
    'appium:newCommandTimeout': 300,
    // The on-screen keyboard would cover fields the next step taps.
    'appium:hideKeyboard': true,
    'appium:uiautomator2ServerInstallTimeout': 60_000,
  };
}

/**
 * Native iOS through XCUITest (macOS with Xcode only). The proxy and CA cannot be set by capability:
 * the tester sets the device's Wi-Fi HTTP proxy to the capture engine and installs and trusts the CA
 * profile (Settings > General > About > Certificate Trust Settings); see drivers/appium/README.md.
 */
export function iosCapabilities(input: CapabilityInput): Capabilities {
  const app = input.app ?? {};
  if (!app.bundleId) throw new Error('an iOS target needs target.app.bundleId');
  return {
    platformName: 'iOS',
    'appium:automationName': 'XCUITest',
    'appium:bundleId': app.bundleId,
    ...(input.udid ? { 'appium:udid': input.udid } : {}),
    'appium:noReset': true,
    // System alerts (camera, location, contacts) are choice points, never answered automatically.
    'appium:autoAcceptAlerts': false,
    'appium:autoDismissAlerts': false,
    'appium:newCommandTimeout': 300,
  };
}
