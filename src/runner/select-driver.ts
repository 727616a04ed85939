// Picks the driver a run uses.

import type { AppiumSettings, Driver, DriverName } from '../core/driver.ts';
import { AppiumDriver } from '../../drivers/appium/appium-driver.ts';
import { PlaywrightDriver } from '../../drivers/playwright/playwright-driver.ts';

/** appium: privlab.config.yaml `appium`; the server URL defaults to $PRIVLAB_APPIUM_URL, else a local one. */
export function createDriver(name: DriverName, appium: AppiumSettings = {}): Driver {
  switch (name) {
    case 'playwright':
      return new PlaywrightDriver();
    case 'appium':
      return new AppiumDriver({ ...appium, url: appium.url ?? (process.env.PRIVLAB_APPIUM_URL || undefined) });
  }
}
