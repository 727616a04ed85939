// What each platform needs on this machine, how to see whether it is there, and how to fix it.

import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Check {
  platform: 'core' | 'web' | 'capture' | 'reports' | 'android' | 'ios';
  name: string;
  /** Returns a version or detail when present; throws or returns undefined when missing. */
  probe: () => string | undefined;
  fix: string;
}

export interface CheckResult {
  platform: Check['platform'];
  name: string;
  ok: boolean;
  detail: string;
  fix: string;
}

function version(cmd: string, args: string[] = ['--version']): string | undefined {
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: 15_000 });
  if (r.error) return undefined;
  // Some tools (java, pdftoppm) print their version to stderr.
  const text = `${r.stdout ?? ''}\n${r.stderr ?? ''}`;
  return text.split('\n').find((l) => l.trim())?.trim() ?? 'present';
}

function appiumHome(): string {
  return process.env.APPIUM_HOME ?? join(process.cwd(), '.appium');
}

export const CHECKS: Check[] = [
  { platform: 'core', name: 'node >= 20.19', probe: () => (nodeOk() ? process.version : undefined), fix: 'install Node.js 20.19 or later' },
  { platform: 'web', name: 'chromium', probe: () => version('chromium'), fix: 'apt-get install -y chromium' },
  { platform: 'web', name: 'ffmpeg (fake camera)', probe: () => version('ffmpeg', ['-version']), fix: 'apt-get install -y ffmpeg' },
  { platform: 'capture', name: 'mitmdump (optional engine)', probe: () => version('mitmdump'), fix: 'apt-get install -y mitmproxy' },
  { platform: 'reports', name: 'java (Allure HTML)', probe: () => version('java', ['-version']), fix: 'apt-get install -y openjdk-17-jre-headless' },
  { platform: 'reports', name: 'pdftoppm (report checks)', probe: () => version('pdftoppm', ['-v']), fix: 'apt-get install -y poppler-utils' },
  { platform: 'reports', name: 'CJK font', probe: () => cjkFont(), fix: 'apt-get install -y fonts-noto-cjk' },
  { platform: 'android', name: 'chromedriver (Appium Chromium driver)', probe: () => version('chromedriver'), fix: 'apt-get install -y chromium-driver' },
  { platform: 'android', name: 'Appium Chromium driver (mobile web)', probe: () => appiumDriver('appium-chromium-driver'), fix: 'npm run setup (installs Appium drivers into .appium/)' },
  { platform: 'android', name: 'Appium UiAutomator2 driver', probe: () => appiumDriver('appium-uiautomator2-driver'), fix: 'npm run setup (installs Appium drivers into .appium/)' },
  { platform: 'android', name: 'adb', probe: () => version('adb', ['version']), fix: 'apt-get install -y adb' },
  { platform: 'android', name: 'openssl (system CA file name)', probe: () => version('openssl', ['version']), fix: 'apt-get install -y openssl' },
  { platform: 'android', name: 'ANDROID_HOME', probe: () => (process.env.ANDROID_HOME && existsSync(process.env.ANDROID_HOME) ? process.env.ANDROID_HOME : undefined), fix: 'install the Android SDK (cmdline-tools, platform-tools) and export ANDROID_HOME=<sdk dir>' },
  { platform: 'android', name: 'a device or emulator', probe: () => adbDevice(), fix: 'start an emulator (emulator -avd <name>) or plug in a test phone with USB debugging; check with adb devices' },
  { platform: 'ios', name: 'Xcode / xcrun (macOS only)', probe: () => version('xcrun', ['--version']), fix: 'iOS needs a Mac with Xcode and appium-xcuitest-driver; run privlab there' },
  { platform: 'ios', name: 'Appium XCUITest driver', probe: () => appiumDriver('appium-xcuitest-driver'), fix: 'on the Mac: APPIUM_HOME=.appium npx appium driver install xcuitest' },
];

function nodeOk(): boolean {
  const [maj, min] = process.versions.node.split('.').map(Number);
  return maj! > 20 || (maj === 20 && min! >= 19);
}

function cjkFont(): string | undefined {
  try {
    const out = execFileSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8' });
    return out.split('\n').find((l) => l.trim())?.split(',')[0];
  } catch {
    return undefined;
  }
}

/** The driver's version when Appium has it registered in APPIUM_HOME (its manifest) and on disk. */
function appiumDriver(name: string): string | undefined {
  const manifest = join(appiumHome(), 'node_modules', '.cache', 'appium', 'extensions.yaml');
  const pkg = join(appiumHome(), 'node_modules', name, 'package.json');
  if (!existsSync(manifest) || !existsSync(pkg)) return undefined;
  return `${name} ${(JSON.parse(readFileSync(pkg, 'utf8')) as { version?: string }).version ?? ''}`.trim();
}

function adbDevice(): string | undefined {
  try {
    const out = execFileSync('adb', ['devices'], { encoding: 'utf8', timeout: 10_000 });
    const devices = out.split('\n').slice(1).filter((l) => /\tdevice$/.test(l));
    return devices.length ? devices.map((l) => l.split('\t')[0]).join(', ') : undefined;
  } catch {
    return undefined;
  }
}

export function runChecks(checks: Check[] = CHECKS): CheckResult[] {
  return checks.map((c) => {
    let detail: string | undefined;
    try {
      detail = c.probe();
    } catch {
      detail = undefined;
    }
    return { platform: c.platform, name: c.name, ok: detail !== undefined, detail: detail ?? 'missing', fix: c.fix };
  });
}
