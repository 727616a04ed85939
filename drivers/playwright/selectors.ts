// Scenario selectors are portable: CSS, or `text=<exact visible text>`. Each driver translates them.

/** Playwright understands CSS as is; `text=` becomes an exact, visible-text match. */
export function toPlaywrightSelector(selector: string): string {
  if (selector.startsWith('text=')) return `text="${selector.slice(5).replace(/"/g, '\\"')}"`;
  if (isCss(selector)) return selector;
  // Bare words are visible text, matched as a substring: `ui.see('认证成功')` matches "认证成功！".
  return `text=${selector}`;
}

/**
 * Strings that begin like a CSS selector (#id, .class, [attr], tag#id, tag[attr]) or XPath are
 * selectors; anything else (Chinese or English words) is visible text.
 */
export function isCss(selector: string): boolean {
  return /^([#.[]|\/\/|css=|xpath=|[a-z][a-z0-9-]*[#.[:])/.test(selector);
}
