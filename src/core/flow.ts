// A captured HTTP exchange as every capture engine writes it to flows.jsonl.

import type { StepName, VariantName } from './phase.ts';

export interface Header {
  name: string;
  value: string;
}

/** A body stored content-addressed under bodies/<sha256>. */
export interface BodyRef {
  sha256: string;
  /** Bytes stored (after any cut). */
  size: number;
  /** Content-Type header of the message, if any. */
  contentType?: string;
  /** Content-Encoding the stored bytes still carry (bodies are stored as sent on the wire). */
  contentEncoding?: string;
  /** True when the body was larger than the capture limit and only its head was kept. */
  truncated?: boolean;
}

/** Engines that capture live traffic (HAR import is not one); the CLI and privlab.config.yaml offer these names. */
export const CAPTURE_ENGINES = ['embedded', 'mitmproxy'] as const;
export type LiveCaptureEngineName = (typeof CAPTURE_ENGINES)[number];
/** What recorded a flow: a live engine, or a HAR import. */
export type CaptureEngineName = LiveCaptureEngineName | 'har';

/** Who originated a request: the app under test, or the harness/browser itself (update checks, probes). */
export type FlowClient = 'app' | 'harness';

export interface FlowRequest {
  method: string;
  url: string;
  httpVersion?: string;
  headers: Header[];
  body?: BodyRef;
}

export interface FlowResponse {
  status: number;
  statusText?: string;
  headers: Header[];
  body?: BodyRef;
}

export interface Flow {
  /** Unique within the run directory. */
  id: string;
  /** Wall-clock time the request was seen, ISO 8601. */
  time: string;
  /** Phase and variant active when the request was seen (null outside phases). */
  phase: StepName | null;
  variant: VariantName | null;
  client: FlowClient;
  /** Why the client was labelled 'harness', when it was. */
  clientReason?: string;
  engine: CaptureEngineName;
  request: FlowRequest;
  response?: FlowResponse;
  /** Set when the request failed before a response (connection refused, aborted). */
  error?: string;
  durationMs?: number;
  /** Things the capture noticed about this flow: cut bodies, decode failures. */
  notes?: string[];
}

export function headerValue(headers: Header[], name: string): string | undefined {
  const lower = name.toLowerCase();
  return headers.find((h) => h.name.toLowerCase() === lower)?.value;
}
