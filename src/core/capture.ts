// What a capture engine needs from the run directory, and what the runner needs from an engine.
// Engines write through FlowSink so they do not depend on the evidence layer.

import type { ProxySettings } from './driver.ts';
import type { BodyRef, CaptureEngineName, Flow } from './flow.ts';
import type { StepName, VariantName } from './phase.ts';

export { CAPTURE_ENGINES, type LiveCaptureEngineName } from './flow.ts';

export interface FlowSink {
  nextFlowId(): string;
  putBody(bytes: Buffer, meta?: Omit<BodyRef, 'sha256' | 'size'>): BodyRef;
  appendFlow(flow: Flow): void;
}

export interface CaptureContext {
  phase: StepName | null;
  variant: VariantName | null;
}

export interface CaptureOptions {
  sink: FlowSink;
  /** hostname -> host:port for local sample apps (a hosts file for the proxy). */
  hostMap?: Record<string, string>;
  /** Address to listen on; 127.0.0.1 unless the user asks otherwise (live capture of a phone). */
  listenHost?: string;
  /** Client networks (CIDR) allowed to use a non-loopback listener; required for one. */
  allowClients?: string[];
  /** Let a non-loopback listener forward to this machine's own addresses (refused by default). */
  allowLoopbackUpstream?: boolean;
  port?: number;
  /** Bodies larger than this are cut and the flow notes it. */
  maxBodyBytes?: number;
  /** Hosts whose requests are the browser's own (config/browser-hosts.yaml). */
  harnessHosts?: string[];
}

export interface CaptureEngine {
  readonly name: CaptureEngineName;
  start(): Promise<ProxySettings>;
  /** Tag flows seen from now on with this phase and variant. */
  setContext(ctx: CaptureContext): void;
  /** Waits for in-flight flows to be written, then stops listening. */
  stop(): Promise<void>;
}

export const DEFAULT_MAX_BODY_BYTES = 32 * 1024 * 1024;
