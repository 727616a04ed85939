// The parts of a verification message a scenario acts on: the first link, and the first numeric code.

const LINK = /https?:\/\/[^\s<>"')\]]+/;
const LINKS = new RegExp(LINK.source, 'g');
const CODE = /(?<![\d\w])\d{4,8}(?![\d\w])/;

export function firstLink(text: string, html?: string): string | undefined {
  // The plain-text part comes first; an HTML-only message has its links in href attributes.
  const fromText = LINK.exec(text)?.[0];
  if (fromText) return fromText.replace(/&amp;/g, '&');
  const href = html ? /href\s*=\s*["'](https?:\/\/[^"']+)["']/i.exec(html)?.[1] : undefined;
  return href?.replace(/&amp;/g, '&');
}

/** Digits inside links (ids, keys, ports) are not the code the user types. */
export function firstCode(text: string): string | undefined {
  return CODE.exec(text.replace(LINKS, ' '))?.[0];
}
