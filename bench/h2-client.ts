// One HTTP/2 client session for the capture benchmark: directly to the server, or through a CONNECT tunnel
// of an HTTP proxy (TLS with ALPN h2 inside the tunnel), requests sent one after another on one connection.

import http from 'node:http';
import http2 from 'node:http2';
import tls from 'node:tls';

export interface H2Client {
  post(path: string, body: string): Promise<number>;
  close(): void;
}

/** proxy: http://host:port, or null to connect to the origin directly. */
export async function connectH2(origin: string, proxy: string | null, ca: string): Promise<H2Client> {
  const target = new URL(origin);
  const port = Number(target.port || 443);
  const socket = proxy ? await tunnel(new URL(proxy), target.hostname, port) : undefined;
  const secure = tls.connect({ host: target.hostname, port, servername: target.hostname, ca, ALPNProtocols: ['h2'], ...(socket ? { socket } : {}) });
  await new Promise<void>((resolve, reject) => secure.once('secureConnect', resolve).once('error', reject));
  if (secure.alpnProtocol !== 'h2') throw new Error(`${origin}${proxy ? ` through ${proxy}` : ''}: the server did not agree to HTTP/2 (ALPN ${String(secure.alpnProtocol)})`);
  const session = http2.connect(origin, { createConnection: () => secure });
  session.on('error', () => undefined); // a failed request rejects its own promise
  return {
    post: (path, body) =>
      new Promise((resolve, reject) => {
        const req = session.request({ ':method': 'POST', ':path': path, 'content-type': 'application/json' });
        let status = 0;
        req.on('response', (h) => (status = Number(h[':status'])));
        req.on('data', () => undefined);
        req.on('end', () => resolve(status));
        req.on('error', reject);
        req.end(body);
      }),
    close: () => session.close(),
  };
}

function tunnel(proxy: URL, host: string, port: number): Promise<import('node:net').Socket> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: proxy.hostname, port: Number(proxy.port), method: 'CONNECT', path: `${host}:${port}`, headers: { host: `${host}:${port}` } });
    req.once('connect', (res, socket) => (res.statusCode === 200 ? resolve(socket) : reject(new Error(`proxy refused CONNECT: ${res.statusCode}`))));
    req.once('error', reject);
    req.end();
  });
}
