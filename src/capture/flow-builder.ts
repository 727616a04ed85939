// Turns what an engine saw of one exchange into the Flow record every engine writes, so the
// embedded and mitmproxy engines produce identical records for identical traffic.

import type { CaptureContext, FlowSink } from '../core/capture.ts';
import type { BodyRef, CaptureEngineName, Flow, Header } from '../core/flow.ts';
import { headerValue } from '../core/flow.ts';
import { harnessHostPattern, harnessReason } from './harness-hosts.ts';

/** A body as captured: its head (at most the limit) and how many bytes there were in total. */
export interface CapturedBody {
  head: Buffer;
  total: number;
}

export interface ExchangeRecord {
  /** When the request was seen, and the phase/variant active then. */
  time: Date;
  context: CaptureContext;
  request: { method: string; url: string; httpVersion?: string; headers: Header[]; body?: CapturedBody };
  response?: { status: number; statusText?: string; headers: Header[]; body?: CapturedBody };
  error?: string;
  durationMs?: number;
  notes?: string[];
}

export class FlowBuilder {
  private readonly harness: RegExp | null;

  constructor(
    private readonly sink: FlowSink,
    private readonly engine: CaptureEngineName,
    readonly maxBodyBytes: number,
    harnessHosts: readonly string[] = [],
  ) {
    this.harness = harnessHostPattern(harnessHosts);
  }

  write(rec: ExchangeRecord): Flow {
    const notes = [...(rec.notes ?? [])];
    // No URL parse per flow when there is no harness host to recognise.
    const reason = this.harness ? harnessReason(this.harness, hostOf(rec.request.url)) : undefined;
    const flow: Flow = {
      id: this.sink.nextFlowId(),
      time: rec.time.toISOString(),
      phase: rec.context.phase,
      variant: rec.context.variant,
      client: reason ? 'harness' : 'app',
      ...(reason ? { clientReason: reason } : {}),
      engine: this.engine,
      request: {
        method: rec.request.method,
        url: rec.request.url,
        ...(rec.request.httpVersion ? { httpVersion: rec.request.httpVersion } : {}),
        headers: rec.request.headers,
        ...this.bodyField(rec.request.headers, rec.request.body, 'request', notes),
      },
    };
    if (rec.response) {
      flow.response = {
        status: rec.response.status,
        ...(rec.response.statusText ? { statusText: rec.response.statusText } : {}),
        headers: rec.response.headers,
        ...this.bodyField(rec.response.headers, rec.response.body, 'response', notes),
      };
    }
    if (rec.error) flow.error = rec.error;
    if (rec.durationMs !== undefined) flow.durationMs = Math.round(rec.durationMs * 10) / 10;
    if (notes.length) flow.notes = notes;
    this.sink.appendFlow(flow);
    return flow;
  }

  private bodyField(headers: Header[], body: CapturedBody | undefined, which: string, notes: string[]): { body?: BodyRef } {
    if (!body || body.total === 0) return {};
    const head = body.head.length > this.maxBodyBytes ? body.head.subarray(0, this.maxBodyBytes) : body.head;
    const truncated = body.total > head.length;
    if (truncated) notes.push(`${which} body cut at ${head.length} of ${body.total} bytes (capture limit ${this.maxBodyBytes})`);
    return {
      body: this.sink.putBody(head, {
        contentType: headerValue(headers, 'content-type'),
        contentEncoding: headerValue(headers, 'content-encoding'),
        ...(truncated ? { truncated: true } : {}),
      }),
    };
  }
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return '';
  }
}

/** [name, value] pairs as seen on the wire, HTTP/2 pseudo-headers left out (they are in method/url). */
export function headersFromPairs(pairs: ReadonlyArray<readonly [string, string]>): Header[] {
  return pairs.filter(([name]) => !name.startsWith(':')).map(([name, value]) => ({ name, value }));
}
