// Strict UTF-8 text checks: a decoded value is only treated as text when it really is text.

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** The bytes as text, or undefined when they are not valid UTF-8 or hold control characters. */
export function asPrintableText(bytes: Buffer): string | undefined {
  let text: string;
  try {
    text = strictUtf8.decode(bytes);
  } catch {
    return undefined;
  }
  return isPrintable(text) ? text : undefined;
}

/** No C0 controls other than tab/newline/CR, no DEL, no replacement character, no unpaired surrogate. */
export function isPrintable(text: string): boolean {
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffd]/.test(text)) return false;
  return text.isWellFormed();
}
