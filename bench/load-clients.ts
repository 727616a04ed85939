// HTTP/1.1 and HTTP/2 clients on one already-open TLS connection (bench/tls-connect.ts), for the
// capture benchmark's load side: requests one after another, the connection kept until closed.

import http from 'node:http';
import http2 from 'node:http2';
import type tls from 'node:tls';

export interface ConnectionClient {
  /** Resolves with the status; rejects when the request failed. */
  post(path: string, body: string): Promise<number>;
  close(): void;
}

export function h2Client(origin: string, secure: tls.TLSSocket): ConnectionClient {
  const session = http2.connect(origin, { createConnection: () => secure });
  session.on('error', () => undefined); // a failed request rejects its own promise
  return {
    post: (path, body) =>
      new Promise((resolve, reject) => {
        // content-length as browsers send it: mitmdump forwards an HTTP/2 body without one to an
        // HTTP/1.1 server unframed, and the server answers the next request with 400.
        const req = session.request({ ':method': 'POST', ':path': path, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
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

/** An agent that only ever has this one socket, kept alive between requests. */
class OneSocketAgent extends http.Agent {
  constructor(private readonly socket: tls.TLSSocket) {
    super({ keepAlive: true, maxSockets: 1 });
  }

  override createConnection(): tls.TLSSocket {
    return this.socket;
  }
}

export function h1Client(origin: string, secure: tls.TLSSocket): ConnectionClient {
  const url = new URL(origin);
  const agent = new OneSocketAgent(secure);
  return {
    post: (path, body) =>
      new Promise((resolve, reject) => {
        const req = http.request({ agent, host: url.hostname, port: url.port || 443, method: 'POST', path, headers: { host: url.host, 'content-type': 'application/json' } }, (res) => {
          res.on('data', () => undefined);
          res.on('end', () => resolve(res.statusCode ?? 0));
          res.on('error', reject);
        });
        req.on('error', reject);
        req.end(body);
      }),
    close: () => {
      agent.destroy();
      secure.destroy();
    },
  };
}
