// The engine's own forwarding for requests to mapped hosts (a sample app on this machine): one HTTP/1.1
// request upstream over a pool of kept-alive connections, both bodies streamed with backpressure.
// mockttp's passthrough does the same job through rule matching, a per-request body reader, DNS and
// TLS option set-up and its own event plumbing; profiled under load that was most of the proxy's CPU
// per request, and none of it is needed to pass a request to a fixed plain-HTTP address unchanged.

import http from 'node:http';
import type { Http2ServerResponse } from 'node:http2';
import { createRequire } from 'node:module';
import { downstreamPairs, upstreamHeaders } from './request-target.ts';

type ClientResponse = http.ServerResponse | Http2ServerResponse;

/** mockttp's reset of the client's connection (an HTTP/2 stream, or the TCP socket under any TLS). */
const socketUtil = createRequire(import.meta.url)('mockttp/dist/util/socket-util') as { resetOrDestroy?: (req: http.IncomingMessage) => void };
if (typeof socketUtil.resetOrDestroy !== 'function') throw new Error('src/capture/forward.ts: this mockttp version has no resetOrDestroy');
const resetOrDestroy = socketUtil.resetOrDestroy;

export interface ForwardEvents {
  /** The upstream answered: what is written to the client. */
  response(status: number, statusText: string, headers: Array<[string, string]>): void;
  /** A chunk of the response body, as written to the client. */
  responseData(chunk: Buffer): void;
  /** The response's end() was called: every byte has been handed to the client's socket. */
  ended(): void;
  /** The exchange failed or the client left: the reason, as it is recorded. */
  failed(reason: string): void;
}

/** Bodyless answers: HTTP/2 ends them itself, and nothing may be piped after the head. */
const noBody = (method: string, status: number): boolean => method === 'HEAD' || status === 204 || status === 205 || status === 304;

export class Forwarder {
  // LIFO: the most recently used connection is the one least likely to have been closed by the server's idle timeout.
  private readonly agent = new http.Agent({ keepAlive: true, scheduling: 'lifo' });

  forward(req: http.IncomingMessage, res: ClientResponse, to: { host: string; port: number }, events: ForwardEvents): void {
    const method = req.method ?? 'GET';
    const h2 = req.httpVersionMajor === 2;
    let settled = false;
    const fail = (reason: string): void => {
      if (settled) return;
      settled = true;
      events.failed(reason);
    };
    const upstream = http.request({
      agent: this.agent,
      host: to.host,
      port: to.port,
      method,
      path: pathOf(req.url ?? '/'),
      headers: upstreamHeaders(req.rawHeaders, method, h2),
    });
    // The client left (a page navigating away): stop the upstream side too; recorded as broken off.
    res.once('close', () => {
      if (settled) return;
      upstream.destroy();
      fail('connection closed before the response completed');
    });
    upstream.once('error', (e) => {
      if (settled) return;
      // As mockttp's simulateConnectionErrors: the client sees a broken connection, not a made-up answer.
      // Recorded first: the reset closes the response, which would otherwise record the client leaving.
      fail(`Upstream connection error: ${e.message}`);
      resetOrDestroy(req);
    });
    upstream.once('response', (answer) => {
      const status = answer.statusCode ?? 502;
      const statusText = h2 ? '' : (answer.statusMessage ?? '');
      const pairs = downstreamPairs(answer.rawHeaders, h2);
      try {
        writeHead(res, status, statusText, pairs, h2);
      } catch (e) {
        answer.destroy();
        fail(`invalid response from upstream: ${(e as Error).message}`);
        resetOrDestroy(req);
        return;
      }
      events.response(status, statusText, pairs);
      answer.once('error', (e) => {
        if (settled) return;
        fail(`Upstream connection error: ${e.message}`);
        resetOrDestroy(req);
      });
      answer.once('aborted', () => {
        if (settled) return;
        fail('upstream closed the connection before the response completed');
        resetOrDestroy(req);
      });
      const end = (): void => {
        if (settled) return;
        settled = true;
        res.end();
        events.ended();
      };
      if (h2 && noBody(method, status)) {
        answer.resume();
        end();
        return;
      }
      answer.on('data', (chunk: Buffer) => {
        if (settled) return;
        events.responseData(chunk);
        if (!(res as http.ServerResponse).write(chunk)) answer.pause();
      });
      res.on('drain', () => answer.resume());
      answer.once('end', () => {
        // Trailers go on as mockttp's passthrough sends them (HTTP/1 sends them only on a chunked answer).
        if (answer.rawTrailers.length && !settled) forwardTrailers(res, answer.rawTrailers, h2);
        end();
      });
    });
    req.pipe(upstream);
  }

  close(): void {
    this.agent.destroy();
  }
}

/** The path of an absolute proxy-form URL (http://host/path?q -> /path?q); a path stays as it is. */
function pathOf(url: string): string {
  if (url.startsWith('/')) return url;
  const start = url.indexOf('/', url.indexOf('//') + 2);
  return start < 0 ? '/' : url.slice(start);
}

function forwardTrailers(res: ClientResponse, raw: readonly string[], h2: boolean): void {
  try {
    if (h2) {
      const trailers: Record<string, string> = {};
      for (let i = 0; i < raw.length; i += 2) trailers[raw[i]!.toLowerCase()] = raw[i + 1]!;
      (res as Http2ServerResponse).addTrailers(trailers);
    } else {
      (res as http.ServerResponse).addTrailers(downstreamPairs(raw, false));
    }
  } catch {
    // An invalid trailer is dropped, as mockttp drops it; the body has gone through whole.
  }
}

function writeHead(res: ClientResponse, status: number, statusText: string, pairs: Array<[string, string]>, h2: boolean): void {
  if (h2) {
    const headers: Record<string, string | string[]> = {};
    for (const [name, value] of pairs) {
      const lc = name.toLowerCase();
      const had = headers[lc];
      headers[lc] = had === undefined ? value : Array.isArray(had) ? [...had, value] : [had, value];
    }
    (res as Http2ServerResponse).writeHead(status, headers);
    return;
  }
  const r = res as http.ServerResponse;
  // Exactly the upstream's headers: Node adds no Date, Connection or framing of its own to them.
  r.sendDate = false;
  r.writeHead(status, statusText, pairs.flat());
}
