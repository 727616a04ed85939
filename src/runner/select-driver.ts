// Picks the driver a run uses.

import type { Driver } from '../core/driver.ts';
import { PlaywrightDriver } from '../../drivers/playwright/playwright-driver.ts';

export const DRIVER_NAMES = ['playwright', 'appium'] as const;
export type DriverName = (typeof DRIVER_NAMES)[number];

export function createDriver(name: DriverName): Driver {
  switch (name) {
    case 'playwright':
      return new PlaywrightDriver();
    case 'appium':
      throw new Error('the appium driver is not available in this build; use --driver playwright');
  }
}
