// What analysis found in the evidence: one piece of personal information in one place of one flow.

import type { PhaseName, StepName, VariantName } from './phase.ts';

export type PartyKind = 'first' | 'third' | 'harness' | 'unknown';

/** Who receives a flow. */
export interface Party {
  kind: PartyKind;
  host: string;
  /** Registrable domain of the host. */
  domain: string;
  /** Vendor id from config/vendors.yaml, when the host is a known vendor. */
  vendor?: string;
  organisation?: string;
  /** The SDK or service of the vendor (e.g. "face verification API"). */
  service?: string;
  /** What the vendor's service is: analytics, ads, push, crash, face-verification, kyc, payment, cdn, fonts... */
  serviceKind?: string;
  /** Where organisation and service come from when not privlab's config/vendors.yaml: the source and its licence. */
  namedBy?: string;
}

/** Where in the flow a value sat. */
export type ObservationLocation = 'url' | 'header' | 'cookie' | 'body';

export interface Observation {
  id: string;
  /** PI type slug from config/pi-types.yaml (face_image, id_card_image, ... included). */
  piType: string;
  /** The value as found after decoding (already truncated for binaries). Redact before sharing. */
  value: string;
  location: ObservationLocation;
  /** Path of the value inside the message, e.g. body.profile.edu or body[multipart:photo]. */
  path: string;
  /** Decoding steps from the raw message to the value, outermost first: ["gzip","multipart:photo","base64","json"]. */
  chain: string[];
  /** Detector id and the evidence it used. */
  detector: string;
  evidence: string;
  /** 0..1 */
  confidence: number;
  flowId: string;
  /** Time of the flow (ISO 8601), so rules can order observations against consent marks. */
  time: string;
  phase: StepName | null;
  variant: VariantName | null;
  direction: 'request' | 'response';
  party: Party;
  /** Was the value sent over plain http? */
  insecure?: boolean;
  /** Body reference the value was found in. */
  bodySha256?: string;
}

/** A note analysis attaches to a flow it could not fully read (cut body, bad gzip, depth limit). */
export interface FlowNote {
  flowId: string;
  note: string;
}

/**
 * An observation the rules may judge: sent in a phase that ended as evidence about the app (completed or
 * blocked), or outside any phase. The harness's deletion check, phases that ended in a harness error and
 * phases a stopped run never finished are filtered out before any rule sees them.
 */
export type AppObservation = Observation & { phase: PhaseName | null };
