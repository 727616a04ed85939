import { describe, expect, it } from 'vitest';
import { androidCapabilities, capabilitiesFor, chromiumCapabilities, iosCapabilities, PHONE, proxyHostPort } from '../../../drivers/appium/capabilities.ts';

const proxy = { url: 'http://127.0.0.1:8123', caSpkiSha256: 'c3BraQ==', caCertPem: '-----BEGIN CERTIFICATE-----' };

describe('Chromium (mobile web) capabilities', () => {
  const caps = chromiumCapabilities({ platform: 'web', proxy, mobile: true, fakeCameraVideo: '/tmp/face.y4m', chromedriverPort: 9555 });
  const chrome = caps['goog:chromeOptions'] as { binary: string; args: string[]; mobileEmulation: { userAgent: string; deviceMetrics: { width: number } } };

  it("uses Appium's Chromium driver with Debian's chromedriver, no downloads", () => {
    expect(caps).toMatchObject({
      platformName: 'linux',
      browserName: 'chrome',
      'appium:automationName': 'Chromium',
      'appium:executable': '/usr/bin/chromedriver',
      'appium:autodownloadEnabled': false,
      'appium:chromedriverPort': 9555,
    });
    expect(chrome.binary).toBe('/usr/lib/chromium/chromium');
  });

  it('sends traffic to the capture engine and trusts its CA by pin', () => {
    expect(caps.proxy).toEqual({ proxyType: 'manual', httpProxy: '127.0.0.1:8123', sslProxy: '127.0.0.1:8123' });
    expect(chrome.args).toContain('--ignore-certificate-errors-spki-list=c3BraQ==');
    expect(chrome.args).toContain('--proxy-bypass-list=<-loopback>');
    expect(chrome.args).toContain('--use-file-for-fake-video-capture=/tmp/face.y4m');
    expect(chrome.args).toContain('--headless=new');
  });

  it('emulates a phone', () => {
    expect(chrome.mobileEmulation.userAgent).toBe(PHONE.userAgent);
    expect(chrome.mobileEmulation.deviceMetrics.width).toBe(390);
    expect(chrome.args).toContain('--window-size=390,844');
    const desktop = chromiumCapabilities({ platform: 'web', proxy, headless: false });
    expect(desktop['goog:chromeOptions']).not.toHaveProperty('mobileEmulation');
    expect((desktop['goog:chromeOptions'] as { args: string[] }).args).not.toContain('--headless=new');
  });
});

describe('native capabilities', () => {
  it('installs and launches an Android app without granting its permissions', () => {
    const caps = androidCapabilities({ platform: 'android', proxy, app: { apk: '/apps/x.apk', package: 'com.x', activity: '.Main' }, udid: 'emulator-5554' });
    expect(caps).toMatchObject({
      platformName: 'Android',
      'appium:automationName': 'UiAutomator2',
      'appium:app': '/apps/x.apk',
      'appium:appPackage': 'com.x',
      'appium:appActivity': '.Main',
      'appium:udid': 'emulator-5554',
      'appium:autoGrantPermissions': false,
      'appium:noReset': true,
    });
    expect(caps).not.toHaveProperty('proxy');
    expect(() => androidCapabilities({ platform: 'android', proxy })).toThrow(/target\.app\.apk or target\.app\.package/);
  });

  it('drives an iOS app by bundle id, leaving alerts to the scenario', () => {
    const caps = capabilitiesFor({ platform: 'ios', proxy, app: { bundleId: 'com.x.ios' } });
    expect(caps).toMatchObject({ platformName: 'iOS', 'appium:automationName': 'XCUITest', 'appium:bundleId': 'com.x.ios', 'appium:autoAcceptAlerts': false });
    expect(() => iosCapabilities({ platform: 'ios', proxy, app: { apk: 'x' } })).toThrow(/bundleId/);
  });

  it('turns the proxy URL into host:port', () => {
    expect(proxyHostPort('http://127.0.0.1:8081')).toBe('127.0.0.1:8081');
    expect(proxyHostPort('http://proxy.lab')).toBe('proxy.lab:80');
  });
});
