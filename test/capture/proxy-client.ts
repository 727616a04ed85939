// A small HTTP client that goes through an HTTP proxy (absolute-form for http, CONNECT for https),
// with keep-alive, for capture tests and the capture benchmark.

import http from 'node:http';
import https from 'node:https';
import type { Duplex } from 'node:stream';
import tls from 'node:tls';

export interface ClientResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

export interface RequestInit {
  method?: string;
  headers?: Record<string, string>;
  body?: Buffer | string;
}

export class ProxyClient {
  private readonly httpAgent = new http.Agent({ keepAlive: true, maxSockets: 4 });
  private readonly httpsAgent: https.Agent;

  /** proxy: http://host:port of the proxy, or null to connect directly. ca: PEM to trust for https. */
  constructor(
    private readonly proxy: string | null,
    ca?: string,
  ) {
    this.httpsAgent = proxy ? new TunnelAgent(new URL(proxy), ca) : new https.Agent({ keepAlive: true, maxSockets: 4, ca });
  }

  request(url: string, init: RequestInit = {}): Promise<ClientResponse> {
    const target = new URL(url);
    const secure = target.protocol === 'https:';
    const viaProxy = this.proxy && !secure ? new URL(this.proxy) : null;
    const options: https.RequestOptions = {
      method: init.method ?? 'GET',
      headers: { ...init.headers, host: target.host },
      agent: secure ? this.httpsAgent : this.httpAgent,
      host: viaProxy ? viaProxy.hostname : target.hostname,
      port: viaProxy ? Number(viaProxy.port) : Number(target.port || (secure ? 443 : 80)),
      path: viaProxy ? target.href : target.pathname + target.search,
      servername: target.hostname,
    };
    return new Promise((resolve, reject) => {
      const req = (secure ? https : http).request(options, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(init.body);
    });
  }

  close(): void {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }
}

/** https.Agent whose connections are CONNECT tunnels through the proxy, kept alive like any other. */
class TunnelAgent extends https.Agent {
  constructor(
    private readonly proxyUrl: URL,
    ca?: string,
  ) {
    super({ keepAlive: true, maxSockets: 4, ca });
  }

  override createConnection(options: tls.ConnectionOptions & { host?: string; port?: number }, callback: (err: Error | null, socket?: Duplex) => void): undefined {
    let called = false;
    const cb = (err: Error | null, socket?: Duplex) => {
      if (called) return;
      called = true;
      callback(err, socket);
    };
    const connect = http.request({
      host: this.proxyUrl.hostname,
      port: Number(this.proxyUrl.port),
      method: 'CONNECT',
      path: `${options.host}:${options.port}`,
      headers: { host: `${options.host}:${options.port}` },
    });
    connect.once('connect', (res, socket) => {
      if (res.statusCode !== 200) return cb(new Error(`proxy refused CONNECT: ${res.statusCode}`));
      const secure = tls.connect({ ...options, socket, servername: options.servername ?? options.host });
      secure.once('secureConnect', () => cb(null, secure));
      secure.once('error', (e) => cb(e));
    });
    connect.once('error', (e) => cb(e));
    connect.end();
    return undefined;
  }
}
