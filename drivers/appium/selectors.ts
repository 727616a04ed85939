// Scenario selectors for Appium: the portable forms (CSS, `text=`, bare text) become XPath where needed;
// WebdriverIO's native forms (`~a11y id`, `id=`, `android=`, `-ios ...`, `//xpath`) pass through.

import { isCss } from '../playwright/selectors.ts';

/** 'web' for a browser or webview context, 'native' for an app's own view hierarchy. */
export type SelectorContext = 'web' | 'native';

const NATIVE_PREFIXES = ['~', 'id=', 'android=', '-android uiautomator:', '-ios predicate string:', '-ios class chain:', 'xpath=', 'accessibility id:'];

export function toWdioSelector(selector: string, context: SelectorContext): string {
  if (NATIVE_PREFIXES.some((p) => selector.startsWith(p))) return selector.startsWith('xpath=') ? selector.slice(6) : selector;
  if (selector.startsWith('//') || selector.startsWith('(//')) return selector;
  if (selector.startsWith('css=')) return selector.slice(4);
  if (selector.startsWith('text=')) return `${anyElement(context)}[${textTest(context, 'exact', xpathLiteral(selector.slice(5)))}]`;
  // CSS passes through; in a native context Appium itself says it cannot use it.
  if (isCss(selector)) return selector;
  // Bare words are visible text, matched as a substring (as the Playwright driver does).
  return `${anyElement(context)}[${textTest(context, 'contains', xpathLiteral(selector))}]`;
}

/** In a page, text inside <script> or <style> is code, never visible: skip those elements. */
function anyElement(context: SelectorContext): string {
  return context === 'web' ? '//*[not(self::script or self::style or self::noscript or self::template)]' : '//*';
}

/**
 * In a DOM, the element's own text; natively there is no text node: UiAutomator2 exposes the label
 * as @text or @content-desc, XCUITest as @label or @name.
 */
function textTest(context: SelectorContext, how: 'exact' | 'contains', literal: string): string {
  const nodes = context === 'web' ? ['text()'] : ['@text', '@content-desc', '@label', '@name'];
  return nodes.map((n) => (how === 'exact' ? `normalize-space(${n})=${literal}` : `contains(${n},${literal})`)).join(' or ');
}

/** An XPath 1.0 string literal for any text, quotes included (concat() when it has both kinds). */
export function xpathLiteral(s: string): string {
  if (!s.includes('"')) return `"${s}"`;
  if (!s.includes("'")) return `'${s}'`;
  return `concat(${s.split('"').map((part) => `"${part}"`).join(`,'"',`)})`;
}
