// isChecked and check/uncheck read the state the platform really reports: in a page WebDriver's Is Element
// Selected; on Android the `checked` attribute (UiAutomator2 leaves `selected` false on a ticked CheckBox);
// on iOS a switch's `value`. A WebdriverIO element stands in for the device, which this machine lacks.
import { describe, expect, it } from 'vitest';
import { AppiumDriver } from '../../../drivers/appium/appium-driver.ts';
import { StepNotReached } from '../../../src/core/driver.ts';
import type { Platform } from '../../../src/core/target.ts';

/** One element as a platform reports it: `selected` from Is Element Selected, the rest as attributes. */
function driverWith(platform: Platform, el: { selected: boolean; attributes: Record<string, string>; displayed?: boolean }) {
  const clicks: string[] = [];
  const element = {
    waitForDisplayed: async () => {
      if (el.displayed === false) throw new Error('element ("#x") still not displayed after 10 ms');
    },
    isSelected: async () => el.selected,
    getAttribute: async (name: string) => el.attributes[name] ?? null,
    click: async () => void clicks.push('click'),
  };
  const driver = new AppiumDriver();
  // The fields start() would fill: the platform, and the session the elements come from.
  Object.assign(driver, { options: { platform }, browser: { $: () => element } });
  return { driver, clicks };
}

describe('Appium checkbox state', () => {
  it('reads a ticked Android CheckBox by its checked attribute, though UiAutomator2 says it is not selected', async () => {
    const { driver, clicks } = driverWith('android', { selected: false, attributes: { checked: 'true' } });
    expect(await driver.isChecked('id=com.app:id/ads_optin')).toBe(true);
    await driver.setChecked('id=com.app:id/ads_optin', true);
    expect(clicks).toEqual([]);
    await driver.setChecked('id=com.app:id/ads_optin', false);
    expect(clicks).toEqual(['click']);
    expect(await driverWith('android', { selected: true, attributes: { checked: 'false' } }).driver.isChecked('#x')).toBe(false);
  });

  it("reads an iOS switch by its value and a page's checkbox by Is Element Selected", async () => {
    expect(await driverWith('ios', { selected: false, attributes: { value: '1' } }).driver.isChecked('~ads')).toBe(true);
    expect(await driverWith('ios', { selected: true, attributes: { value: '0' } }).driver.isChecked('~ads')).toBe(false);
    expect(await driverWith('web', { selected: true, attributes: {} }).driver.isChecked('#optin')).toBe(true);
    expect(await driverWith('web', { selected: false, attributes: { checked: 'true' } }).driver.isChecked('#optin')).toBe(false);
  });

  it('a box that never shows blocks the step', async () => {
    const { driver } = driverWith('android', { selected: false, attributes: {}, displayed: false });
    await expect(driver.isChecked('#x')).rejects.toBeInstanceOf(StepNotReached);
  });
});
