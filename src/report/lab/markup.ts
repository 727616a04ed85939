// Small pieces of the lab report's HTML: literals (names, values, ids kept as they are, in any
// language), marked evidence text, and images held aside so redaction never sees their bytes.

import { MARK_CLOSE, MARK_OPEN } from '../excerpt.ts';
import { escapeHtml as h } from '../html.ts';

/** A name, value, host or id: shown as is, whatever the report's language. */
export function lit(s: string): string {
  return `<span class="lit">${h(s)}</span>`;
}

/** Escaped text with ⟦value⟧ marks shown as highlighted spans. */
export function marked(text: string): string {
  return h(text).replace(new RegExp(`${MARK_OPEN}([^${MARK_CLOSE}]*)${MARK_CLOSE}`, 'g'), `<mark>${MARK_OPEN}$1${MARK_CLOSE}</mark>`);
}

/** Images go in after the page text is redacted: placeholders first, data URLs at the end. */
export class ImageSlots {
  private readonly urls: string[] = [];

  img(bytes: Buffer, mime: string, cls = ''): string {
    this.urls.push(`data:${mime};base64,${bytes.toString('base64')}`);
    return `<img${cls ? ` class="${cls}"` : ''} src="@@IMG${this.urls.length - 1}@@" alt="">`;
  }

  fill(html: string): string {
    return html.replace(/@@IMG(\d+)@@/g, (_, i: string) => this.urls[Number(i)] ?? '');
  }
}
