// What run.json records about the evidence itself: input that was not kept whole, and reports made
// although the captured evidence had changed since it was signed.

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
