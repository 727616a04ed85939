// The embedded capture engine: mockttp in this process, intercepting HTTPS with the privlab CA.
// Bodies are captured as they stream into bounded heads, and mockttp's own buffering is capped at
// the same limit, so a huge body costs at most about twice the limit in memory.

import { getLocal, type Mockttp } from 'mockttp';
import type { IncomingMessage } from 'node:http';
import type { AddressInfo, Server, Socket } from 'node:net';
import type { CaptureContext, CaptureEngine, CaptureOptions } from '../core/capture.ts';
import { DEFAULT_MAX_BODY_BYTES } from '../core/capture.ts';
import type { ProxySettings } from '../core/driver.ts';
import { BodyHead } from './body-limit.ts';
import { ensureCa, type PrivlabCa } from './ca.ts';
import { FlowBuilder, headersFromPairs, type ExchangeRecord } from './flow-builder.ts';
import { harnessUrlPattern } from './harness-hosts.ts';
import { InFlight } from './in-flight.ts';
import { listenerPolicy, type ListenerPolicy } from './listener-policy.ts';

/** How long stop() waits for exchanges still in progress before writing them as incomplete. */
const STOP_GRACE_MS = 5_000;

interface Pending {
  rec?: ExchangeRecord;
  startedAt?: number;
  requestBody: BodyHead;
  responseBody: BodyHead;
  responseBodyEnded: boolean;
}

export function createEmbeddedEngine(opts: CaptureOptions, ca?: PrivlabCa): CaptureEngine {
  const limit = opts.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const builder = new FlowBuilder(opts.sink, 'embedded', limit, opts.harnessHosts);
  const inFlight = new InFlight<Pending>();
  let context: CaptureContext = { phase: null, variant: null };
  let server: Mockttp | undefined;

  const pending = (id: string): Pending => {
    let p = inFlight.get(id);
    if (!p) {
      p = { requestBody: new BodyHead(limit), responseBody: new BodyHead(limit), responseBodyEnded: false };
      inFlight.set(id, p);
    }
    return p;
  };
  const finish = (id: string): void => {
    const p = inFlight.take(id);
    if (p?.rec) builder.write({ ...p.rec, request: { ...p.rec.request, body: captured(p.requestBody) } });
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
      await addRules(s, opts.hostMap ?? {}, harnessUrlPattern(opts.harnessHosts), policy);

      await s.on('request-initiated', (req) => {
        const p = pending(req.id);
        p.startedAt = req.timingEvents.startTimestamp;
        p.rec = {
          time: new Date(req.timingEvents.startTime),
          context,
          request: { method: req.method, url: req.url, httpVersion: req.httpVersion, headers: headersFromPairs(req.rawHeaders) },
        };
      });
      // Bodies are read off the wire by our own taps, not mockttp's body-data events: those batch
      // chunks for 20 ms with a Buffer.concat per chunk (quadratic on a large download) and cost a
      // timer and an event per message.
      tapBodies(s, {
        request: (id, chunk) => pending(id).requestBody.push(chunk),
        // pending(), not get(): a quick reply can end before mockttp announces its request.
        response: (id, chunk) => pending(id).responseBody.push(chunk),
        responseEnd: (id) => {
          const p = pending(id);
          p.responseBodyEnded = true;
          if (p.rec?.response) finish(id);
        },
      });
      await s.on('response', (res) => {
        const p = inFlight.get(res.id);
        if (!p?.rec) return;
        p.rec.response = {
          status: res.statusCode,
          statusText: res.statusMessage,
          headers: headersFromPairs(res.rawHeaders),
          body: captured(p.responseBody),
        };
        const t = res.timingEvents;
        if (t.responseSentTimestamp !== undefined) p.rec.durationMs = t.responseSentTimestamp - t.startTimestamp;
        // mockttp announces a response whose body outgrew its buffer before that body has finished
        // streaming; the record is written when the last body chunk arrives.
        if (p.responseBodyEnded) finish(res.id);
      });
      await s.on('abort', (req) => {
        const p = inFlight.get(req.id);
        if (!p?.rec) return;
        p.rec.error = req.error?.message ?? 'connection closed before the response completed';
        const t = req.timingEvents;
        if (t.abortedTimestamp !== undefined) p.rec.durationMs = t.abortedTimestamp - t.startTimestamp;
        finish(req.id);
      });

      await s.start(opts.port);
      server = s;
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
        if (!p.rec) continue;
        builder.write({
          ...p.rec,
          request: { ...p.rec.request, body: captured(p.requestBody) },
          ...(p.rec.response ? { response: { ...p.rec.response, body: captured(p.responseBody) } } : {}),
          error: p.rec.error ?? 'capture stopped before the exchange completed',
        });
      }
      await server.stop();
      server = undefined;
    },
  };
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

interface BodyTaps {
  request(id: string, chunk: Buffer): void;
  response(id: string, chunk: Buffer): void;
  /** The response's end() was called: every body byte has been handed to the socket. */
  responseEnd(id: string): void;
}

type Chunk = Buffer | Uint8Array | string;
const asBytes = (chunk: Chunk, encoding?: unknown): Buffer =>
  typeof chunk === 'string' ? Buffer.from(chunk, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8') : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);

/**
 * Sees body chunks as they pass, without reading any stream. mockttp's request-body-data event would
 * read (and buffer) the request body early, and a body that outgrows maxBodySize before the
 * passthrough starts is then forwarded empty while its Content-Length still promises the bytes
 * (mockttp 4.6: the upstream waits forever). A middleware ahead of mockttp's handler wraps the
 * request's push(), which the HTTP/1 parser and the HTTP/2 compat layer both feed, and the
 * response's write() and end(), which every mockttp step (passthrough pipe, reply) writes through.
 */
function tapBodies(s: Mockttp, taps: BodyTaps): void {
  type Writer = (this: unknown, ...args: unknown[]) => unknown;
  type Response = { write: Writer; end: Writer };
  type Middleware = (req: IncomingMessage & { id?: string }, res: Response, next: () => void) => void;
  const app = (s as unknown as { app?: { stack?: Array<{ route: string; handle: Middleware }> } }).app;
  if (!Array.isArray(app?.stack)) throw new Error('src/capture/embedded.ts: this mockttp version has no connect app to tap bodies on');
  app.stack.unshift({
    route: '',
    handle: (req, res, next) => {
      const push = req.push;
      req.push = function (chunk: unknown, encoding?: BufferEncoding) {
        // mockttp assigns the id synchronously when the request arrives, before any body chunk.
        if (Buffer.isBuffer(chunk) && req.id) taps.request(req.id, chunk);
        return push.call(this, chunk, encoding);
      };
      const { write, end } = res;
      // HTTP/2's end(chunk) writes its chunk through write(): count it once, in end().
      let ending = false;
      res.write = function (...args) {
        if (!ending && req.id && args[0] != null && typeof args[0] !== 'function') taps.response(req.id, asBytes(args[0] as Chunk, args[1]));
        return write.apply(this, args);
      };
      res.end = function (...args) {
        if (ending) return end.apply(this, args);
        if (req.id && args[0] != null && typeof args[0] !== 'function') taps.response(req.id, asBytes(args[0] as Chunk, args[1]));
        ending = true;
        try {
          return end.apply(this, args);
        } finally {
          ending = false;
          if (req.id) taps.responseEnd(req.id);
        }
      };
      next();
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
