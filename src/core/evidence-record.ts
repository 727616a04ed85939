// What run.json records about the evidence itself: input that was not kept whole, reports made
// although the captured evidence had changed since it was signed, and the persona without its secrets.

import type { Persona, SECRET_PERSONA_FIELDS } from './target.ts';

/** A HAR entry, body or other input the capture or import did not keep (skipped) or kept only in part (cut). */
export interface InputGap {
  kind: 'skipped' | 'cut';
  /** Where it was: a flow id, or the HAR entry's position. */
  where: string;
  reason: string;
}

export interface InputGaps {
  skipped: number;
  cut: number;
  /** The first of them (the counts go on beyond the list). */
  items: InputGap[];
}

/** `privlab report --accept-changed-evidence`: made anyway, and said so. */
export interface EvidenceOverride {
  at: string;
  reason: string;
  /** What the earlier signed manifest no longer matched (files, or the signature or signer). */
  problems: string[];
}

/** A persona secret as run.json keeps it: HMACs of the forms it may take in traffic, never the value. */
export interface SecretHashes {
  algorithm: 'hmac-sha256';
  /** Names the lab key the HMACs were made with (persona-secrets.key in the privlab home), not the key. */
  keyId: string;
  secrets: Array<{
    field: 'password' | 'smsCode';
    chars: number;
    /** The lengths of the forms' texts: candidates of other lengths are not hashed at all. */
    lengths: number[];
    /** form ('plain', 'base64', 'md5', ...) -> hex HMAC of that form's text */
    forms: Record<string, string>;
  }>;
}

/**
 * What run.json holds of a persona: everything but the secrets, which are hashed. Runs written before
 * secrets were hashed hold them in clear; they are still read, never written so.
 */
export type StoredPersona = Omit<Persona, (typeof SECRET_PERSONA_FIELDS)[number]> &
  Partial<Pick<Persona, (typeof SECRET_PERSONA_FIELDS)[number]>> & { secretHashes?: SecretHashes };
