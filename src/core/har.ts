// HAR 1.2 shapes (the fields privlab reads and writes) and the `_privlab` extension that lets a
// run exported to HAR be imported back with its phases, variants and clients.
// Schema: config/schema/har.schema.json.

import type { CaptureEngineName, FlowClient } from './flow.ts';
import type { StepName, VariantName } from './phase.ts';

export interface HarNameValue {
  name: string;
  value: string;
}

export interface HarCookie extends HarNameValue {
  path?: string;
  domain?: string;
  expires?: string | null;
  httpOnly?: boolean;
  secure?: boolean;
}

export interface HarPostData {
  mimeType: string;
  text?: string;
  params?: Array<{ name: string; value?: string; fileName?: string; contentType?: string }>;
  /** Not in HAR 1.2 (proposed for 1.3): 'base64' when text holds binary bytes. */
  encoding?: string;
  /** privlab writes its base64 marker here, the HAR 1.2 way for a custom field. */
  _encoding?: string;
}

export interface HarContent {
  size: number;
  compression?: number;
  mimeType: string;
  text?: string;
  encoding?: string;
}

export interface HarRequest {
  method: string;
  url: string;
  httpVersion: string;
  cookies: HarCookie[];
  headers: HarNameValue[];
  queryString: HarNameValue[];
  postData?: HarPostData;
  headersSize: number;
  bodySize: number;
}

export interface HarResponse {
  status: number;
  statusText: string;
  httpVersion: string;
  cookies: HarCookie[];
  headers: HarNameValue[];
  content: HarContent;
  redirectURL: string;
  headersSize: number;
  bodySize: number;
  /** Chrome's field for a request that failed before a response. */
  _error?: string;
}

export interface HarTimings {
  blocked?: number;
  dns?: number;
  connect?: number;
  send: number;
  wait: number;
  receive: number;
  ssl?: number;
}

/** What privlab knew about a stored body that the HAR fields cannot say. */
export interface HarPrivlabBody {
  /** Evidence hash of the stored (wire) bytes: bodies/<sha256> in the exported run. */
  sha256: string;
  /** Size of the stored bytes. */
  size: number;
  truncated?: boolean;
  /** The HAR text still carries this Content-Encoding (decoding failed or was over the cap). */
  textContentEncoding?: string;
  /** The body was not put in the HAR (missing from bodies/ or over the export cap). */
  omitted?: string;
}

export interface HarPrivlabEntry {
  flowId: string;
  phase: StepName | null;
  variant: VariantName | null;
  client: FlowClient;
  clientReason?: string;
  engine: CaptureEngineName;
  error?: string;
  notes?: string[];
  requestBody?: HarPrivlabBody;
  responseBody?: HarPrivlabBody;
}

export interface HarEntry {
  pageref?: string;
  startedDateTime: string;
  time: number;
  request: HarRequest;
  response: HarResponse;
  cache: Record<string, unknown>;
  timings: HarTimings;
  serverIPAddress?: string;
  _resourceType?: string;
  _privlab?: HarPrivlabEntry;
}

export interface HarPage {
  startedDateTime: string;
  id: string;
  title: string;
  pageTimings: { onContentLoad?: number; onLoad?: number };
}

export interface HarCreator {
  name: string;
  version: string;
  comment?: string;
}
