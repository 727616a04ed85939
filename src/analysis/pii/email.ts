// E-mail addresses, leaving out look-alikes such as icon@2x.png.

import { matchesOf, type TextDetector } from './text-detector.ts';

const EMAIL = /(?<![\w.+%-])[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+([A-Za-z]{2,24})(?![\w-])/g;
/** Text before a match that puts it in a link's user part: a scheme's // and no /, @ or space since. */
const USERINFO_BEFORE = /[a-z][a-z0-9+.-]*:\/\/[^\s/@]*$/i;
const MASKED_LOCAL = /x{4,}|\*{2,}/i;

/** An address masked for display (zhanxxxxx@a.com): under an e-mail field too, it is not the address. */
export function isMaskedEmail(v: string): boolean {
  const at = v.indexOf('@');
  return at > 0 && MASKED_LOCAL.test(v.slice(0, at));
}
const FILE_EXTENSIONS = new Set(['png', 'jpg', 'jpeg', 'gif', 'webp', 'svg', 'js', 'css', 'html', 'json', 'ico', 'mp4', 'bmp', 'ttf', 'woff']);

export const emailDetector: TextDetector = {
  id: 'format:email',
  piType: 'email',
  mayHold: (_p, text) => text.includes('@'),
  scan(text) {
    const out = [];
    for (const m of matchesOf(EMAIL, text)) {
      if (FILE_EXTENSIONS.has((m[1] ?? '').toLowerCase())) continue;
      // https://key:secret@sentry.io/1 (a Sentry DSN, a proxy login): the user part of a link, not a mailbox.
      if (USERINFO_BEFORE.test(text.slice(Math.max(0, m.index - 256), m.index))) continue;
      // Masked for display (zhanxxxxx@a.com, j***@x.cn): not the address it hides.
      if (isMaskedEmail(m[0])) continue;
      out.push({ value: m[0], evidence: 'e-mail address (local@domain.tld)', confidence: 0.95 });
    }
    return out;
  },
};
