// Strict UTF-8 text checks: a decoded value is only treated as text when it really is text.

import { isUtf8 } from 'node:buffer';

/** The bytes as text, or undefined when they are not valid UTF-8 or hold control characters. */
export function asPrintableText(bytes: Buffer): string | undefined {
  // isUtf8 validates natively; TextDecoder({fatal}) costs several times more on large bodies.
  if (!isUtf8(bytes)) return undefined;
  const text = bytes.toString('utf8');
  return isPrintable(text) ? text : undefined;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** No C0 controls other than tab/newline/CR, no DEL, no replacement character, no unpaired surrogate. */
export function isPrintable(text: string): boolean {
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffd]/.test(text)) return false;
  return !LONE_SURROGATE.test(text);
}
