// A small tolerant XML scanner: element text and attributes with their element path. It never
// throws: unclosed tags, stray text and bad entities are read as well as they can be.

export interface XmlValue {
  /** Element names from the root to the element holding the value. */
  elements: string[];
  /** Attribute name, when the value is an attribute. */
  attribute?: string;
  text: string;
}

export function looksLikeXml(text: string): boolean {
  const t = text.trimStart();
  return /^<(?:\?xml[\s?]|[A-Za-z_][\w:.-]*[\s>/])/.test(t) && text.trimEnd().endsWith('>');
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

export function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9a-fA-F]{1,6}|#\d{1,7}|[a-zA-Z]+);/g, (whole, ent: string) => {
    if (ent[0] === '#') {
      const code = ent[1] === 'x' ? parseInt(ent.slice(2), 16) : parseInt(ent.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[ent] ?? whole;
  });
}

/** Markup of text (a profile's bio, a message's formatted body), not of data: its elements are p, a, br, span... */
const HTML_TEXT = /^<(?:p|div|span|a|br|b|i|u|em|strong|small|ul|ol|li|h[1-6]|blockquote|pre|code|font)[\s>/]/i;

/** The text of an HTML fragment (Mastodon's note "<p>...</p>"), or undefined when the markup is no HTML text. */
export function htmlFragmentText(text: string): string | undefined {
  if (!HTML_TEXT.test(text)) return undefined;
  return decodeEntities(text.replace(/<[^>]{0,2000}>/g, ' ')).replace(/\s+/g, ' ').trim();
}

const ATTR = /([A-Za-z_][\w:.-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

/** Scans the document; stops descending past maxDepth (reported through `tooDeep`). */
export function scanXml(doc: string, maxDepth: number): { values: XmlValue[]; tooDeep: boolean } {
  const values: XmlValue[] = [];
  const stack: string[] = [];
  let tooDeep = false;
  let i = 0;
  let text = '';
  const flushText = (): void => {
    const t = decodeEntities(text).trim();
    if (t && stack.length) values.push({ elements: [...stack], text: t });
    text = '';
  };
  while (i < doc.length) {
    const lt = doc.indexOf('<', i);
    if (lt < 0) {
      text += doc.slice(i);
      break;
    }
    text += doc.slice(i, lt);
    if (doc.startsWith('<![CDATA[', lt)) {
      const end = doc.indexOf(']]>', lt);
      const stop = end < 0 ? doc.length : end;
      // CDATA is literal: protect it from entity decoding by flushing it separately.
      flushText();
      const cdata = doc.slice(lt + 9, stop).trim();
      if (cdata && stack.length) values.push({ elements: [...stack], text: cdata });
      i = end < 0 ? doc.length : end + 3;
      continue;
    }
    if (doc.startsWith('<!--', lt)) {
      const end = doc.indexOf('-->', lt);
      i = end < 0 ? doc.length : end + 3;
      continue;
    }
    const gt = doc.indexOf('>', lt);
    if (gt < 0) break;
    const tag = doc.slice(lt + 1, gt);
    i = gt + 1;
    if (tag.startsWith('?') || tag.startsWith('!')) continue;
    flushText();
    if (tag.startsWith('/')) {
      const name = tag.slice(1).trim();
      const at = stack.lastIndexOf(name);
      if (at >= 0) stack.length = at;
      continue;
    }
    const m = /^([A-Za-z_][\w:.-]*)/.exec(tag);
    if (!m) continue;
    const name = m[1] ?? '';
    const selfClosing = tag.endsWith('/');
    if (stack.length >= maxDepth) {
      tooDeep = true;
      continue;
    }
    const elements = [...stack, name];
    for (const a of tag.slice(name.length).matchAll(ATTR)) {
      const v = decodeEntities(a[2] ?? a[3] ?? '').trim();
      if (v) values.push({ elements, attribute: a[1] ?? '', text: v });
    }
    if (!selfClosing) stack.push(name);
  }
  flushText();
  return { values, tooDeep };
}
