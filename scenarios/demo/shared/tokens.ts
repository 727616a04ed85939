// Opaque random tokens for sessions, uploads and verification results.

import { randomBytes } from 'node:crypto';

export function newToken(prefix: string): string {
  return `${prefix}_${randomBytes(12).toString('hex')}`;
}
