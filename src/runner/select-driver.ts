// Picks the driver a run uses.

import type { Driver } from '../core/driver.ts';
import { AppiumDriver } from '../../drivers/appium/appium-driver.ts';
import { PlaywrightDriver } from '../../drivers/playwright/playwright-driver.ts';

export const DRIVER_NAMES = ['playwright', 'appium'] as const;
export type DriverName = (typeof DRIVER_NAMES)[number];

export interface DriverChoiceOptions {
  /** A remote Appium server (privlab.config.yaml `appium.url`); default $PRIVLAB_APPIUM_URL, else a local one. */
  appiumUrl?: string;
}

export function createDriver(name: DriverName, o: DriverChoiceOptions = {}): Driver {
  switch (name) {
    case 'playwright':
      return new PlaywrightDriver();
    case 'appium':
      return new AppiumDriver({ serverUrl: o.appiumUrl ?? (process.env.PRIVLAB_APPIUM_URL || undefined) });
  }
}
