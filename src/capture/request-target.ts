// Where a request arriving at the proxy is meant to go, read the way mockttp reads it (the tunnel's
// name first, then :authority, Host, SNI), so an exchange the engine forwards itself is recorded
// under the same URL as one mockttp handles. Also the header rewrites a hop needs.

import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';
import { createRequire } from 'node:module';

/** The symbols mockttp's combo server leaves on each socket (dist/util/socket-extensions). */
interface SocketSymbols {
  LastHopEncrypted: symbol;
  LastTunnelAddress: symbol;
  TlsMetadata: symbol;
  Expects100Continue: symbol;
}
const symbols = createRequire(import.meta.url)('mockttp/dist/util/socket-extensions') as Partial<SocketSymbols>;
for (const name of ['LastHopEncrypted', 'LastTunnelAddress', 'TlsMetadata', 'Expects100Continue'] as const) {
  if (typeof symbols[name] !== 'symbol') throw new Error(`src/capture/request-target.ts: this mockttp version has no socket symbol ${name}`);
}
const S = symbols as SocketSymbols;

type Tagged = Record<symbol, unknown>;

/** The value of the first header of that (lower-case) name in flat raw headers. */
export function rawHeader(raw: readonly string[], name: string): string | undefined {
  for (let i = 0; i < raw.length; i += 2) {
    if (raw[i]!.length === name.length && raw[i]!.toLowerCase() === name) return raw[i + 1];
  }
  return undefined;
}

/** host[:port] -> hostname and port ("[::1]:8080" too); the port is the scheme's default when absent. */
function split(authority: string, defaultPort: number): { hostname: string; port: number } | undefined {
  const m = /^(\[[^\]]+\]|[^:]*)(?::(\d+))?$/.exec(authority);
  if (!m || !m[1]) return undefined;
  return { hostname: m[1].replace(/^\[|\]$/g, ''), port: m[2] ? Number(m[2]) : defaultPort };
}

export interface RequestTarget {
  /** Absolute URL, as mockttp would record it. */
  url: string;
  /** Lower-case name the client asked for (the hostMap key). */
  hostname: string;
  /** True when the request came in as a proxy request with an absolute URL (plain HTTP proxying). */
  absolute: boolean;
}

/** undefined when the request is anything but an ordinary one this module can place (left to mockttp). */
export function requestTarget(req: IncomingMessage): RequestTarget | undefined {
  const raw = req.rawHeaders;
  const path = req.url ?? '';
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(path)) {
    try {
      const u = new URL(path);
      return { url: path, hostname: u.hostname.toLowerCase(), absolute: true };
    } catch {
      return undefined;
    }
  }
  if (!path.startsWith('/')) return undefined;
  const socket = req.socket as unknown as Tagged;
  const protocol = rawHeader(raw, ':scheme') ?? (socket[S.LastHopEncrypted] ? 'https' : 'http');
  const defaultPort = protocol === 'https' ? 443 : 80;
  const tunnel = socket[S.LastTunnelAddress] as string | undefined;
  const tunnelTo = tunnel ? split(tunnel, defaultPort) : undefined;
  const sni = (socket[S.TlsMetadata] as { sniHostname?: string } | undefined)?.sniHostname;
  const named = rawHeader(raw, ':authority') ?? rawHeader(raw, 'host') ?? sni;
  // A tunnel's domain name is preferred; a tunnel to an IP is named by the headers if they can.
  const authority = tunnelTo && !isIP(tunnelTo.hostname) ? tunnel : (named ?? tunnel);
  const dest = authority ? split(authority, defaultPort) : undefined;
  if (!dest) return undefined;
  // The URL's port is where the connection really goes (the tunnel's), whatever Host says.
  const port = tunnelTo?.port ?? dest.port;
  const host = isIP(dest.hostname) === 6 ? `[${dest.hostname}]` : dest.hostname;
  try {
    const url = new URL(`${protocol}://${host}${port === defaultPort ? '' : `:${port}`}${path}`).toString();
    return { url, hostname: dest.hostname.toLowerCase(), absolute: false };
  } catch {
    return undefined;
  }
}

/** mockttp answers "Expect: 100-continue" itself when its handler starts. */
export function expectsContinue(req: IncomingMessage): boolean {
  return Boolean((req as unknown as Tagged)[S.Expects100Continue]);
}

/** Hop-by-hop headers of the client's connection to the proxy, not forwarded upstream. */
const HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'proxy-authorization', 'upgrade', 'http2-settings']);

/**
 * The client's headers as flat raw pairs for an HTTP/1.1 request upstream. From HTTP/2: pseudo-headers
 * dropped, Host from :authority, cookies joined into one header (HTTP/1 allows one), and chunked
 * framing for a body-carrying method with no length.
 */
export function upstreamHeaders(raw: readonly string[], method: string, h2: boolean): string[] {
  const out: string[] = [];
  let host: string | undefined;
  let authority: string | undefined;
  let framed = false;
  const cookies: string[] = [];
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i]!;
    const value = raw[i + 1]!;
    const lc = name.toLowerCase();
    if (lc.charCodeAt(0) === 58 /* : */) {
      if (lc === ':authority') authority = value;
      continue;
    }
    if (HOP.has(lc)) continue;
    if (lc === 'host') host = value;
    if (lc === 'content-length' || lc === 'transfer-encoding') framed = true;
    if (h2 && lc === 'cookie') {
      cookies.push(value);
      continue;
    }
    out.push(name, value);
  }
  if (h2) {
    if (host === undefined && authority !== undefined) out.unshift('host', authority);
    if (cookies.length) out.push('cookie', cookies.join('; '));
    if (!framed && method !== 'GET' && method !== 'HEAD') out.push('transfer-encoding', 'chunked');
  }
  return out;
}

/** Response headers HTTP/2 forbids (connection-specific ones). */
const H2_ILLEGAL = new Set(['connection', 'upgrade', 'host', 'http2-settings', 'keep-alive', 'proxy-connection', 'transfer-encoding']);

/** The upstream's response headers as pairs for the client: as sent for HTTP/1, without connection headers for HTTP/2. */
export function downstreamPairs(raw: readonly string[], h2: boolean): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (let i = 0; i < raw.length; i += 2) {
    if (h2 && H2_ILLEGAL.has(raw[i]!.toLowerCase())) continue;
    out.push([raw[i]!, raw[i + 1]!]);
  }
  return out;
}
