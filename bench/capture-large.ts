// The large-body side of bench:capture, in a process of its own like the load clients, so the client's
// TLS does not share a core with the embedded proxy it measures (nor, direct, with nothing at all):
// one upload of `bytes`, then one download of /large, over HTTPS (HTTP/1.1), timed each.
//
//   tsx bench/capture-large.ts '{"proxy":null,"ca":"<pem>","url":"https://localhost:1234","bytes":104857600}'
// prints {"upMs":…,"downMs":…,"upStatus":200,"downBytes":…}

import { ProxyClient } from '../test/capture/proxy-client.ts';

interface LargeSpec {
  proxy: string | null;
  ca: string;
  url: string;
  bytes: number;
}

const spec = JSON.parse(process.argv[2] ?? '') as LargeSpec;
const client = new ProxyClient(spec.proxy, spec.ca);
const body = Buffer.alloc(spec.bytes, 98);
let t0 = performance.now();
const up = await client.request(`${spec.url}/upload`, { method: 'POST', body });
const upMs = performance.now() - t0;
t0 = performance.now();
const down = await client.request(`${spec.url}/large`);
const downMs = performance.now() - t0;
client.close();
console.log(JSON.stringify({ upMs, downMs, upStatus: up.status, downBytes: down.body.length }));
