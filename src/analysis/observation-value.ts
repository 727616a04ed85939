// How a found value is stored in an observation: short text as is, long text cut, binaries summarised,
// secrets never written.

import { createHash } from 'node:crypto';

export const MAX_VALUE_CHARS = 200;

export function summariseBinary(bytes: Buffer, contentType: string | undefined): string {
  const sha = createHash('sha256').update(bytes).digest('hex');
  return `<${contentType ?? 'application/octet-stream'} ${bytes.length} bytes sha256:${sha}>`;
}

/** `secret`: the type's value is kept out of every file (pi-types.yaml `secret`). */
export function storedValue(value: string, secret: boolean): string {
  if (secret) return `[secret, ${[...value].length} chars]`;
  // No more code points than UTF-16 units: a value this short is kept whole without splitting it.
  if (value.length <= MAX_VALUE_CHARS) return value;
  const chars = [...value];
  return chars.length > MAX_VALUE_CHARS ? `${chars.slice(0, MAX_VALUE_CHARS).join('')}… (${chars.length} chars)` : value;
}
