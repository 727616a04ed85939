// The embedded capture engine: mockttp in this process, intercepting HTTPS with the privlab CA.
// Bodies are captured as they stream into bounded heads, and mockttp's own buffering is capped at
// the same limit, so a huge body costs at most about twice the limit in memory.

import { getLocal, type Mockttp } from 'mockttp';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo, Server, Socket } from 'node:net';
import type { CaptureContext, CaptureEngine, CaptureOptions } from '../core/capture.ts';
import { DEFAULT_MAX_BODY_BYTES } from '../core/capture.ts';
import type { ProxySettings } from '../core/driver.ts';
import type { Header } from '../core/flow.ts';
import { BodyHead } from './body-limit.ts';
import { ensureCa, type PrivlabCa } from './ca.ts';
import { FlowBuilder, headersFromPairs, type ExchangeRecord } from './flow-builder.ts';
import { Forwarder } from './forward.ts';
import { harnessUrlPattern } from './harness-hosts.ts';
import { InFlight } from './in-flight.ts';
import { isLoopbackHost, listenerPolicy, type ListenerPolicy } from './listener-policy.ts';
import { expectsContinue, requestTarget } from './request-target.ts';

/**
 * mockttp's passthrough refuses a request as a loop to itself when the client's port equals the local
 * port of any connection the proxy has open upstream. On loopback (a sample app, the bench) a client
 * and an upstream connection often share an ephemeral port - Linux reuses one for different
 * destinations - and such requests failed with 500 "Passthrough loop detected" under load. A loop is
 * the same connection seen from both ends: all four of address and port must match. (This also drops
 * the copy of the socket set per request.)
 */
function exactLoopCheck(): void {
  type Loop = (outgoing: Set<Socket>, incoming: Socket) => boolean;
  const socketUtil = createRequire(import.meta.url)('mockttp/dist/util/socket-util') as { isSocketLoop?: Loop };
  if (typeof socketUtil.isSocketLoop !== 'function') throw new Error('src/capture/embedded.ts: this mockttp version has no isSocketLoop to replace');
  const ip = (a: string | undefined): string | undefined => a?.replace(/^::ffff:/, '');
  socketUtil.isSocketLoop = (outgoing, incoming) => {
    const port = incoming.remotePort;
    if (!port) return false;
    for (const s of outgoing) {
      if (s.localPort === port && s.remotePort === incoming.localPort && ip(s.localAddress) === ip(incoming.remoteAddress) && ip(s.remoteAddress) === ip(incoming.localAddress)) return true;
    }
    return false;
  };
}
exactLoopCheck();

/** How long stop() waits for exchanges still in progress before writing them as incomplete. */
const STOP_GRACE_MS = 5_000;

interface Pending {
  /** mockttp's id, once it has seen the request. */
  id?: string;
  rec: ExchangeRecord;
  startedAt?: number;
  requestBody: BodyHead;
  responseBody: BodyHead;
  /** Finished (its flow written or about to be): a late abort or a second end() adds nothing. */
  done: boolean;
  /** The flow is written: by finish's deferred write, or by stop() if that comes first. */
  written?: boolean;
}

export function createEmbeddedEngine(opts: CaptureOptions, ca?: PrivlabCa): CaptureEngine {
  const limit = opts.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const builder = new FlowBuilder(opts.sink, 'embedded', limit, opts.harnessHosts);
  const inFlight = new InFlight<Pending>();
  let context: CaptureContext = { phase: null, variant: null };
  let server: Mockttp | undefined;
  let forwarder: Forwarder | undefined;
  /** Ids of the exchanges the engine forwards itself (mockttp's own ids are UUIDs). */
  let forwarded = 0;

  const finish = (p: Pending): void => {
    if (p.done) return;
    p.done = true;
    // Written on the next turn of the event loop: the response's last bytes are only handed to the
    // socket when Node uncorks it after this tick, and writing the flow (hashing and storing its bodies,
    // about 0.2 s for a 32 MiB body here) would otherwise hold them back from the client.
    setImmediate(() => write(p));
  };
  const write = (p: Pending): void => {
    if (p.written) return;
    p.written = true;
    if (p.id !== undefined) inFlight.take(p.id);
    builder.write({ ...p.rec, request: { ...p.rec.request, body: captured(p.requestBody) } });
  };

  return {
    name: 'embedded',
    setContext(ctx) {
      context = { ...ctx };
    },
    async start(): Promise<ProxySettings> {
      if (server) throw new Error('embedded capture engine already started');
      const authority = ca ?? (await ensureCa());
      const host = opts.listenHost ?? '127.0.0.1';
      const policy = listenerPolicy(host, opts.allowClients, opts.allowLoopbackUpstream);
      const s = getLocal({ https: { key: authority.keyPem, cert: authority.certPem }, maxBodySize: limit, recordTraffic: false });
      const bound = bindOnlyTo(s, host, policy);
      const harnessUrls = harnessUrlPattern(opts.harnessHosts);
      await addRules(s, opts.hostMap ?? {}, harnessUrls, policy);
      const mapped = mappedTargets(opts.hostMap ?? {});
      // With an upstream guard every request first waits on its DNS check in mockttp's rules: left to them.
      const fwd = mapped.size > 0 && !policy.guardsUpstream ? new Forwarder() : undefined;
      forwarder = fwd;
      /** Read once: mockttp's port getter asks the server for its address each time. */
      let proxyPort = -1;

      // Everything a flow needs is read by our own tap on each exchange (below), not from mockttp's
      // request-initiated and response events: those copy the request and response into event objects
      // a setImmediate later, and a response listener makes mockttp buffer every response body again.
      tapExchanges(s, {
        forward(req, res, p) {
          if (!fwd || req.method === 'CONNECT' || expectsContinue(req)) return false;
          const target = requestTarget(req);
          const to = target && mapped.get(target.hostname);
          // A harness host is answered by its rule; a host mapped to the proxy itself is mockttp's loop to refuse.
          if (!target || !to || harnessUrls?.test(target.url) || (to.port === proxyPort && (isLoopbackHost(to.host) || to.host === host))) return false;
          const id = `forwarded-${++forwarded}`;
          p.id = id;
          p.startedAt = performance.now();
          p.rec.request.url = target.url;
          p.rec.request.headers = requestHeaders(req.rawHeaders, target.absolute);
          inFlight.set(id, p);
          const timed = (): void => {
            p.rec.durationMs = performance.now() - p.startedAt!;
          };
          fwd.forward(req, res, to, {
            response(status, statusText, headers) {
              p.rec.response = { status, statusText, headers: headersFromPairs(headers), body: captured(p.responseBody) };
            },
            responseData: (chunk) => p.responseBody.push(chunk),
            ended() {
              timed();
              finish(p);
            },
            failed(reason) {
              p.rec.error = reason;
              timed();
              finish(p);
            },
          });
          return true;
        },
        started(req) {
          const p: Pending = {
            rec: {
              time: new Date(),
              context,
              request: { method: req.method ?? '', url: req.url ?? '', httpVersion: req.httpVersion, headers: [] },
            },
            requestBody: new BodyHead(limit),
            responseBody: new BodyHead(limit),
            done: false,
          };
          return p;
        },
        identified(req, p) {
          // mockttp has made the URL absolute, paired the headers (proxy-* ones dropped) and timed it.
          p.id = req.id;
          p.rec.time = new Date(req.timingEvents.startTime);
          p.startedAt = req.timingEvents.startTimestamp;
          p.rec.request.url = req.url ?? p.rec.request.url;
          p.rec.request.headers = headersFromPairs(req.rawHeaders);
          inFlight.set(req.id, p);
        },
        ended(p, res) {
          p.rec.response = {
            status: res.statusCode,
            // HTTP/2 has no status message (and warns when asked for one).
            statusText: p.rec.request.httpVersion?.startsWith('2') ? '' : res.statusMessage,
            headers: headersFromPairs(res.getRawHeaders?.() ?? []),
            body: captured(p.responseBody),
          };
          if (p.startedAt !== undefined) p.rec.durationMs = performance.now() - p.startedAt;
          finish(p);
        },
      });
      await s.on('abort', (req) => {
        const p = inFlight.get(req.id);
        if (!p) return;
        p.rec.error = req.error?.message ?? 'connection closed before the response completed';
        const t = req.timingEvents;
        if (t.abortedTimestamp !== undefined) p.rec.durationMs = t.abortedTimestamp - t.startTimestamp;
        finish(p);
      });

      await s.start(opts.port);
      server = s;
      proxyPort = s.port;
      // The bind above patches mockttp internals (pinned in package.json): if a release changed them,
      // refuse to run rather than listen somewhere else than asked.
      const at = bound();
      if (!at || !(host === 'localhost' ? ['127.0.0.1', '::1'] : [host]).includes(at.address)) {
        await this.stop();
        throw new Error(
          `embedded capture engine: the proxy is bound to ${at ? `${at.address}:${at.port}` : 'an unknown address'}, not ${host}; ` +
            'this mockttp version is not the one privlab was built for (see package.json). Refusing to run.',
        );
      }
      return { url: `http://${host.includes(':') ? `[${host}]` : host}:${s.port}`, caSpkiSha256: authority.spkiSha256, caCertPem: authority.certPem };
    },
    async stop() {
      if (!server) return;
      const left = await inFlight.drain(STOP_GRACE_MS);
      for (const [, p] of left) {
        // Finished just now, its deferred write not yet run: written as it finished, before the sink closes.
        if (p.done) {
          write(p);
          continue;
        }
        p.done = true;
        p.written = true;
        builder.write({
          ...p.rec,
          request: { ...p.rec.request, body: captured(p.requestBody) },
          ...(p.rec.response ? { response: { ...p.rec.response, body: captured(p.responseBody) } } : {}),
          error: p.rec.error ?? 'capture stopped before the exchange completed',
        });
      }
      await server.stop();
      forwarder?.close();
      server = undefined;
      forwarder = undefined;
    },
  };
}

/** hostMap's "host:port" targets by lower-case name. */
function mappedTargets(hostMap: Record<string, string>): Map<string, { host: string; port: number }> {
  const out = new Map<string, { host: string; port: number }>();
  for (const [name, target] of Object.entries(hostMap)) {
    const m = /^(\[[^\]]+\]|[^:]+):(\d+)$/.exec(target);
    if (m) out.set(name.toLowerCase(), { host: m[1]!.replace(/^\[|\]$/g, ''), port: Number(m[2]) });
  }
  return out;
}

/** The client's headers as recorded: as sent, less the proxy's own ones on a proxy-form request (as mockttp records them). */
function requestHeaders(raw: readonly string[], absolute: boolean): Header[] {
  const out: Header[] = [];
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i]!;
    if (name.charCodeAt(0) === 58 /* : */) continue;
    if (absolute && /^proxy-(?:connection|authorization)$/i.test(name)) continue;
    out.push({ name, value: raw[i + 1]! });
  }
  return out;
}

/** Live view: the response record holds the head object, which keeps filling until the flow is written. */
function captured(head: BodyHead): { head: Buffer; total: number } {
  return {
    get head() {
      return head.bytes();
    },
    get total() {
      return head.seen;
    },
  };
}

async function addRules(s: Mockttp, hostMap: Record<string, string>, harnessUrls: RegExp | null, policy: ListenerPolicy): Promise<void> {
  if (policy.guardsUpstream) {
    const local = async (url: string): Promise<boolean> => !(await policy.allowsUpstream(new URL(url).hostname));
    const why = "privlab: this proxy does not forward to the capture machine's own addresses (capture --allow-loopback-upstream)";
    await s.forAnyRequest().matching((req) => local(req.url)).thenReply(403, why);
    await s.forAnyWebSocket().matching((req) => local(req.url)).thenRejectConnection(403, why);
  }
  // No Internet here, and the browser's update checks must not wait on DNS: answer them locally.
  if (harnessUrls) await s.forAnyRequest().withUrlMatching(harnessUrls).thenReply(204);
  for (const [hostname, target] of Object.entries(hostMap)) {
    // Plain HTTP to the local sample app; the Host header keeps the realistic name the client used.
    await s.forAnyRequest().forHostname(hostname).thenPassThrough({
      transformRequest: { setProtocol: 'http', replaceHost: { targetHost: target, updateHostHeader: false } },
      simulateConnectionErrors: true,
    });
  }
  // Connection failures reach the client as failures (not a made-up 502) and the flow records the error.
  await s.forUnmatchedRequest().thenPassThrough({ simulateConnectionErrors: true });
  await s.forAnyWebSocket().thenPassThrough();
}

/** A request once mockttp's handler has taken it in (src/server/mockttp-server.ts, preprocessRequest). */
type MockttpRequest = IncomingMessage & {
  id: string;
  rawHeaders: Array<[string, string]>;
  timingEvents: { startTime: number; startTimestamp: number };
};
type Writer = (this: unknown, ...args: unknown[]) => unknown;
/** The response as mockttp's trackResponse leaves it: writeHead tracked, getRawHeaders added. */
interface TrackedResponse {
  statusCode: number;
  statusMessage: string;
  getRawHeaders?: () => Array<[string, string]>;
  write: Writer;
  end: Writer;
}

interface ExchangeTaps {
  /** Forwards the exchange without mockttp when it can (true), else leaves it to mockttp's handler. */
  forward(req: IncomingMessage, res: ServerResponse, p: Pending): boolean;
  /** The request has arrived (before mockttp has seen it). */
  started(req: IncomingMessage): Pending;
  /** mockttp has taken the request in: its id, absolute URL, paired headers and timing are there. */
  identified(req: MockttpRequest, p: Pending): void;
  /** The response's end() was called: every body byte has been handed to the socket. */
  ended(p: Pending, res: TrackedResponse): void;
}

type Chunk = Buffer | Uint8Array | string;
const asBytes = (chunk: Chunk, encoding?: unknown): Buffer =>
  typeof chunk === 'string' ? Buffer.from(chunk, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8') : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);

/**
 * Sees each exchange from a middleware ahead of mockttp's handler, without reading any stream.
 * mockttp's request-body-data event would read (and buffer) the request body early, and a body that
 * outgrows maxBodySize before the passthrough starts is then forwarded empty while its Content-Length
 * still promises the bytes (mockttp 4.6: the upstream waits forever). The request's push(), which the
 * HTTP/1 parser and the HTTP/2 compat layer both feed, is wrapped for the request body.
 *
 * mockttp's handler runs synchronously up to its first await inside next(): by then it has given the
 * request its id and wrapped the response's write() and end() to copy every chunk into a PassThrough
 * that only its response event and traffic recording read (neither is used here; unread, that stream
 * would hold a whole download). Those wrappers are replaced by ours, which call the response's own
 * write() and end() - every mockttp step (passthrough pipe, reply) writes through them - and keep
 * mockttp's writeHead tracking (getRawHeaders, timing).
 */
function tapExchanges(s: Mockttp, taps: ExchangeTaps): void {
  type Middleware = (req: IncomingMessage & { id?: string }, res: TrackedResponse, next: () => void) => void;
  const app = (s as unknown as { app?: { stack?: Array<{ route: string; handle: Middleware }> } }).app;
  if (!Array.isArray(app?.stack)) throw new Error('src/capture/embedded.ts: this mockttp version has no connect app to tap exchanges on');
  app.stack.unshift({
    route: '',
    handle: (req, res, next) => {
      const p = taps.started(req);
      const push = req.push;
      req.push = function (chunk: unknown, encoding?: BufferEncoding) {
        if (Buffer.isBuffer(chunk)) p.requestBody.push(chunk);
        return push.call(this, chunk, encoding);
      };
      if (taps.forward(req, res as unknown as ServerResponse, p)) return;
      const { write, end } = res;
      let identified = false;
      const identify = (): void => {
        if (identified || typeof req.id !== 'string') return;
        identified = true;
        taps.identified(req as MockttpRequest, p);
      };
      next();
      // Preprocessing failed when there is no id: mockttp has answered the client itself.
      identify();
      // The passthrough forwards the request body from body.asStream(): a copy of the request that
      // mockttp also reads into a buffer (up to maxBodySize, at the socket's speed, without
      // backpressure) for events and callbacks this engine does not use. The request itself is that
      // stream: piped upstream, with backpressure, and nothing is buffered twice.
      const body = (req as { body?: { asStream?: () => unknown } }).body;
      if (identified && typeof body?.asStream === 'function') body.asStream = () => req;
      // A client that leaves before the answer (a page navigating away) makes mockttp abort the upstream request
      // and then write its own 500 "socket hang up" to nobody: that is no answer of the server. Such an exchange
      // is left to the abort event, which records it as broken off.
      let answered = false;
      let leftEarly = false;
      (res as unknown as NodeJS.EventEmitter).once('close', () => {
        if (!answered) leftEarly = true;
      });
      // HTTP/2's end(chunk) writes its chunk through write(): count it once, in end().
      let ending = false;
      res.write = function (...args) {
        if (!ending && args[0] != null && typeof args[0] !== 'function') p.responseBody.push(asBytes(args[0] as Chunk, args[1]));
        return write.apply(this, args);
      };
      res.end = function (...args) {
        if (ending || p.done) return end.apply(this, args);
        answered = true;
        if (args[0] != null && typeof args[0] !== 'function') p.responseBody.push(asBytes(args[0] as Chunk, args[1]));
        ending = true;
        try {
          return end.apply(this, args);
        } finally {
          ending = false;
          identify();
          if (identified && !leftEarly) taps.ended(p, res);
        }
      };
    },
  });
}

/**
 * mockttp's start() listens on every interface and has no option for the address. Its combo server is
 * assigned to the instance's `server` field just before listen(); intercept that assignment and make
 * listen() bind only to the requested address, so the proxy is never reachable from the network, and
 * drop connections from clients the policy does not allow before mockttp sees them. Returns where the
 * server is bound, for the check after start.
 */
function bindOnlyTo(s: Mockttp, host: string, policy: ListenerPolicy): () => AddressInfo | undefined {
  let current: Server | undefined;
  Object.defineProperty(s, 'server', {
    configurable: true,
    get: () => current,
    set: (value: Server | undefined) => {
      current = value;
      if (!value) return;
      const listen = value.listen.bind(value) as (port: number, host: string) => Server;
      (value as { listen: unknown }).listen = (port: number) => listen(port, host);
      value.prependListener('connection', (socket: Socket) => {
        if (!policy.allowsClient(socket.remoteAddress)) socket.destroy();
      });
    },
  });
  return () => {
    const a = current?.address();
    return a && typeof a === 'object' ? a : undefined;
  };
}
