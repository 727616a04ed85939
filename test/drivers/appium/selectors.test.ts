import { describe, expect, it } from 'vitest';
import { toWdioSelector, xpathLiteral } from '../../../drivers/appium/selectors.ts';

const WEB_ELEMENT = '//*[not(self::script or self::style or self::noscript or self::template)]';

describe('toWdioSelector', () => {
  it('passes CSS through in a web context', () => {
    for (const css of ['#phone', '.btn', 'input[name=phone]', '#gender [data-value="女"]', 'button:first-child']) {
      expect(toWdioSelector(css, 'web')).toBe(css);
    }
    expect(toWdioSelector('css=#x', 'web')).toBe('#x');
  });

  it('turns text= into an exact XPath that skips script text', () => {
    expect(toWdioSelector('text=同意', 'web')).toBe(`${WEB_ELEMENT}[normalize-space(text())="同意"]`);
  });

  it('turns bare text into a contains() XPath', () => {
    expect(toWdioSelector('认证成功', 'web')).toBe(`${WEB_ELEMENT}[contains(text(),"认证成功")]`);
  });

  it('matches native labels by @text, @content-desc, @label and @name', () => {
    expect(toWdioSelector('text=允许', 'native')).toBe(
      '//*[normalize-space(@text)="允许" or normalize-space(@content-desc)="允许" or normalize-space(@label)="允许" or normalize-space(@name)="允许"]',
    );
    expect(toWdioSelector('登录', 'native')).toMatch(/^\/\/\*\[contains\(@text,"登录"\) or /);
  });

  it("passes WebdriverIO's native forms through", () => {
    for (const s of [
      '~login-button',
      'id=com.example:id/phone',
      'android=new UiSelector().text("同意")',
      '-ios predicate string:label == "Allow"',
      '-ios class chain:**/XCUIElementTypeButton[`label == "OK"`]',
      '//android.widget.Button[@text="OK"]',
      '(//android.widget.EditText)[2]',
    ]) {
      expect(toWdioSelector(s, 'native')).toBe(s);
    }
    expect(toWdioSelector('xpath=//a', 'web')).toBe('//a');
  });
});

describe('xpathLiteral', () => {
  it('quotes text with either kind of quote', () => {
    expect(xpathLiteral('a')).toBe('"a"');
    expect(xpathLiteral('say "hi"')).toBe(`'say "hi"'`);
    expect(xpathLiteral(`it's "x"`)).toBe(`concat("it's ",'"',"x",'"',"")`);
  });
});
