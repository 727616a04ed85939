// One TLS connection for the capture benchmark's load clients: directly to the server, or inside a
// CONNECT tunnel of an HTTP proxy. A session from an earlier connection may be offered, so the
// benchmark can compare full handshakes with resumed ones (and see which paths resume at all).

import http from 'node:http';
import type { Socket } from 'node:net';
import tls from 'node:tls';

export interface TlsTarget {
  /** https://host:port of the server. */
  origin: string;
  /** http://host:port of the proxy, or null to connect to the origin directly. */
  proxy: string | null;
  /** PEM to trust. */
  ca: string;
  alpn: 'h2' | 'http/1.1';
}

/** Opens the connection; `session` (from an earlier connection's 'session' event) asks to resume. */
export async function openTls(target: TlsTarget, session?: Buffer): Promise<tls.TLSSocket> {
  const url = new URL(target.origin);
  const port = Number(url.port || 443);
  const socket = target.proxy ? await tunnel(new URL(target.proxy), url.hostname, port) : undefined;
  const secure = tls.connect({
    host: url.hostname,
    port,
    servername: url.hostname,
    ca: target.ca,
    ALPNProtocols: [target.alpn],
    ...(session ? { session } : {}),
    ...(socket ? { socket } : {}),
  });
  await new Promise<void>((resolve, reject) => secure.once('secureConnect', resolve).once('error', reject));
  if (secure.alpnProtocol !== target.alpn) {
    secure.destroy();
    throw new Error(`${target.origin}${target.proxy ? ` through ${target.proxy}` : ''}: ALPN ${String(secure.alpnProtocol)}, asked for ${target.alpn}`);
  }
  return secure;
}

function tunnel(proxy: URL, host: string, port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: proxy.hostname, port: Number(proxy.port), method: 'CONNECT', path: `${host}:${port}`, headers: { host: `${host}:${port}` } });
    req.once('connect', (res, socket) => (res.statusCode === 200 ? resolve(socket) : reject(new Error(`proxy refused CONNECT: ${res.statusCode}`))));
    req.once('error', reject);
    req.end();
  });
}
