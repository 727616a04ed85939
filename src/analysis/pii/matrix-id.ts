// A Matrix user ID (@localpart:server, the Matrix spec's "user identifier"): an account on a federated chat
// server, recognisable by its shape wherever it sits (login identifiers, event senders, member lists).

import type { TextDetector } from './text-detector.ts';

/** Localparts are lower-case a-z, 0-9 and ._=-/+ (spec: user identifiers); the server is a DNS name with an optional port. */
const MATRIX_USER = /^@[a-z0-9._=/+-]{1,255}:(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,}(?::\d{1,5})?$/;

export const matrixIdDetector: TextDetector = {
  id: 'format:matrix-user-id',
  piType: 'account_id',
  mayHold: (_p, text) => text.startsWith('@') && text.includes(':') && text.length <= 300,
  scan(text) {
    return MATRIX_USER.test(text) ? [{ value: text, evidence: 'a Matrix user ID (@localpart:server)', confidence: 0.9 }] : [];
  },
};
