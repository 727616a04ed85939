// The servers bench:capture measures against: plain HTTP (the upstream the engines forward to) and
// HTTPS with HTTP/2 and HTTP/1.1 (what the direct rows talk to). By default they run in a process of
// their own, as a real app's server would, so the embedded engine (in the bench's process) does not
// serve its own upstream on the same event loop and core: it did until this file, which charged
// every upstream request to the proxy. `--upstream same` starts them in the bench's process instead.
//
//   tsx bench/capture-upstream.ts '{"key":"<pem>","cert":"<pem>","largeBytes":104857600}'
// prints {"plainPort":…,"securePort":…} and serves until its stdin closes.

import http from 'node:http';
import http2 from 'node:http2';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';

export interface UpstreamSpec {
  key: string;
  cert: string;
  /** Size of the /large download. */
  largeBytes: number;
}

export interface Upstream {
  plainPort: number;
  securePort: number;
  /** The servers' process, when they have one of their own. */
  pid?: number;
  close(): void;
}

const GIB = 1024 ** 3;
const MIB = Buffer.alloc(1024 * 1024, 97);

/** Writes n bytes with backpressure. */
export async function pump(out: Pick<NodeJS.WritableStream, 'write' | 'once'>, n: number): Promise<void> {
  for (let sent = 0; sent < n; sent += MIB.length) {
    if (!out.write(MIB)) await new Promise((r) => out.once('drain', r));
  }
}

export async function startUpstream(spec: UpstreamSpec): Promise<Upstream> {
  // Serves both http and (through the compatibility API) the HTTP/2 + HTTP/1.1 https server.
  const handler = (req: http.IncomingMessage | http2.Http2ServerRequest, res: http.ServerResponse | http2.Http2ServerResponse): void => {
    req.resume();
    req.on('end', () => {
      if (req.url === '/gib') return void pump(res, GIB).then(() => res.end());
      if (req.url === '/large') return void pump(res, spec.largeBytes).then(() => res.end());
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"ok":true}');
    });
  };
  const plain = http.createServer(handler);
  const secure = http2.createSecureServer({ key: spec.key, cert: spec.cert, allowHTTP1: true }, handler);
  await new Promise<void>((r) => plain.listen(0, '127.0.0.1', r));
  await new Promise<void>((r) => secure.listen(0, '127.0.0.1', r));
  return {
    plainPort: (plain.address() as AddressInfo).port,
    securePort: (secure.address() as AddressInfo).port,
    close: () => {
      plain.close();
      secure.close();
    },
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const up = await startUpstream(JSON.parse(process.argv[2] ?? '') as UpstreamSpec);
  console.log(JSON.stringify({ plainPort: up.plainPort, securePort: up.securePort }));
  process.stdin.on('end', () => process.exit(0)).resume();
}
