// The load side of bench:capture, in a process of its own so the clients do not share the event loop
// of the proxy they measure: N keep-alive HTTPS clients (each its own connection and TLS session),
// each sending requests one after another until the total is reached; HTTP/1.1, or HTTP/2 with "h2": true.
//
//   npx tsx bench/capture-load.ts '{"proxy":null,"ca":"<pem>","url":"https://...","clients":32,"requests":2000,"h2":false}'

import { ProxyClient } from '../test/capture/proxy-client.ts';
import { connectH2 } from './h2-client.ts';

interface LoadSpec {
  proxy: string | null;
  ca: string;
  url: string;
  clients: number;
  requests: number;
  h2?: boolean;
}

interface LoadClient {
  /** Resolves with the status, 0 when the request failed. */
  send(): Promise<number>;
  close(): void;
}

async function client(spec: LoadSpec): Promise<LoadClient> {
  if (spec.h2) {
    const url = new URL(spec.url);
    const c = await connectH2(url.origin, spec.proxy, spec.ca);
    return { send: () => c.post(url.pathname, BODY).catch(() => 0), close: () => c.close() };
  }
  const c = new ProxyClient(spec.proxy, spec.ca);
  const headers = { 'content-type': 'application/json' };
  return { send: () => c.request(spec.url, { method: 'POST', body: BODY, headers }).then((r) => r.status, () => 0), close: () => c.close() };
}

const BODY = JSON.stringify({ phone: '13800138000', name: 'bench' });
const WARM_UP = 3;

async function main(): Promise<void> {
  const spec = JSON.parse(process.argv[2] ?? '') as LoadSpec;
  const clients = await Promise.all(Array.from({ length: spec.clients }, () => client(spec)));
  // Failures are counted, not fatal: how often a proxy fails under load is one of the figures.
  let errors = 0;
  const send = async (c: LoadClient): Promise<void> => {
    if ((await c.send()) !== 200) errors++;
  };
  // Each client's connection and TLS session are set up before the clock starts.
  await Promise.all(clients.map(async (c) => { for (let i = 0; i < WARM_UP; i++) await send(c); }));
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
  for (const c of clients) c.close();
  times.sort((a, b) => a - b);
  const at = (q: number): number => times[Math.min(times.length - 1, Math.floor(times.length * q))]!;
  console.log(JSON.stringify({ rps: (times.length / ms) * 1000, p50: at(0.5), p99: at(0.99), sent: times.length + spec.clients * WARM_UP, errors }));
}

await main();
