// The load side of bench:capture, in a process of its own so the clients do not share the event loop
// of the proxy they measure: N HTTPS clients, each sending requests one after another until the total
// is reached; HTTP/1.1, or HTTP/2 with "h2": true.
//
// Each client opens a new TLS connection every `perConnection` requests, inside the timed window, so
// handshakes are part of what is measured: with "tls": "new" every connection is a full handshake,
// with "tls": "resume" it offers the session of the client's previous connection (the count of
// connections the server did resume is printed: a path that never resumes shows 0).
// perConnection 0: one connection per client, opened before the clock starts (pure keep-alive).
// Before the clock each client sends 3 warm-up requests on a connection of its own (JIT, the proxy's
// certificate for the host), then closes it; "resume" keeps its session.
//
//   tsx bench/capture-load.ts '{"proxy":null,"ca":"<pem>","url":"https://...","clients":32,"requests":2000,"h2":false,"tls":"new","perConnection":50}'

import type tls from 'node:tls';
import { h1Client, h2Client, type ConnectionClient } from './load-clients.ts';
import { openTls, type TlsTarget } from './tls-connect.ts';

interface LoadSpec {
  proxy: string | null;
  ca: string;
  url: string;
  clients: number;
  requests: number;
  h2?: boolean;
  tls: 'new' | 'resume';
  perConnection: number;
}

const BODY = JSON.stringify({ phone: '13800138000', name: 'bench' });
const WARM_UP = 3;

class LoadClient {
  private conn: ConnectionClient | undefined;
  private used = 0;
  private session: Buffer | undefined;

  constructor(
    private readonly spec: LoadSpec,
    private readonly target: TlsTarget,
    /** Where connections are counted: the warm-up's, then the timed window's. */
    public stats: { connections: number; resumed: number },
  ) {}

  /** Status of one request (0 when it failed), on the current connection or a new one. */
  async send(): Promise<number> {
    try {
      if (!this.conn || (this.spec.perConnection > 0 && this.used >= this.spec.perConnection)) await this.reconnect();
      this.used++;
      return await this.conn!.post(new URL(this.spec.url).pathname, BODY);
    } catch (e) {
      if (process.env.LOAD_DEBUG) console.error(e);
      this.drop();
      return 0;
    }
  }

  async reconnect(): Promise<void> {
    this.drop();
    const secure: tls.TLSSocket = await openTls(this.target, this.spec.tls === 'resume' ? this.session : undefined);
    this.stats.connections++;
    if (secure.isSessionReused()) this.stats.resumed++;
    // TLS 1.3 tickets come after the handshake; the last one seen is offered next time.
    secure.on('session', (s: Buffer) => (this.session = s));
    this.conn = (this.spec.h2 ? h2Client : h1Client)(this.target.origin, secure);
    this.used = 0;
  }

  drop(): void {
    this.conn?.close();
    this.conn = undefined;
  }
}

async function main(): Promise<void> {
  const spec = JSON.parse(process.argv[2] ?? '') as LoadSpec;
  const target: TlsTarget = { origin: new URL(spec.url).origin, proxy: spec.proxy, ca: spec.ca, alpn: spec.h2 ? 'h2' : 'http/1.1' };
  const warm = { connections: 0, resumed: 0 };
  const timed = { connections: 0, resumed: 0 };
  const clients = Array.from({ length: spec.clients }, () => new LoadClient(spec, target, warm));
  // Failures are counted, not fatal: how often a proxy fails under load is one of the figures.
  let errors = 0;
  const send = async (c: LoadClient): Promise<void> => {
    const status = await c.send();
    if (status !== 200) {
      errors++;
      if (process.env.LOAD_DEBUG) console.error('status', status);
    }
  };
  await Promise.all(clients.map(async (c) => { for (let i = 0; i < WARM_UP; i++) await send(c); }));
  if (spec.perConnection > 0) for (const c of clients) c.drop();
  for (const c of clients) c.stats = timed;
  const times: number[] = [];
  let left = spec.requests;
  const t0 = performance.now();
  await Promise.all(
    clients.map(async (c) => {
      while (left-- > 0) {
        const s = performance.now();
        await send(c);
        times.push(performance.now() - s);
      }
    }),
  );
  const ms = performance.now() - t0;
  for (const c of clients) c.drop();
  times.sort((a, b) => a - b);
  const at = (q: number): number => times[Math.min(times.length - 1, Math.floor(times.length * q))]!;
  console.log(JSON.stringify({ rps: (times.length / ms) * 1000, p50: at(0.5), p99: at(0.99), sent: times.length + spec.clients * WARM_UP, errors, connections: timed.connections, resumed: timed.resumed }));
}

await main();
