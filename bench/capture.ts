// Capture overhead: requests per second, added latency and throughput of direct, embedded and
// mitmproxy paths side by side, in one run on loopback. The servers (direct's HTTPS one and the engines'
// plain upstream) run in a process of their own (bench/capture-upstream.ts; --upstream same: in this one).
//  1. 1000 sequential keep-alive POSTs per path, plain HTTP and intercepted HTTPS.
//  2. Under load: 1, 8, 32 and 128 concurrent HTTPS clients in a separate process
//     (bench/capture-load.ts), HTTP/1.1 and HTTP/2, each with two TLS variants: every connection a new
//     TLS session (full handshake), or resuming the client's previous session. A client opens a new
//     connection every --per-conn requests inside the timed window, so handshakes count. Prints req/s,
//     p50 and p99, the ms each adds over direct and the ratio, embedded/mitmdump, and how many
//     connections the path resumed. Every request sent must be recorded as a flow.
//  3. Large bodies: --large-mb (100) MB up and down over HTTPS per path, from another process
//     (bench/capture-large.ts), MB/s and the ratio to direct.
// With --big, also 1 GiB up and down through each engine with time and peak memory (this process plus
// mitmdump), to show bodies over the capture limit stay bounded.
// Run: npx tsx bench/capture.ts [requests] [--no-load] [--no-large] [--load-requests 2000]
//        [--per-conn 50 (0: keep-alive, connections opened before the clock)] [--large-mb 100]
//        [--paths direct,embedded,mitmproxy] [--levels 1,8,32,128] [--protocols http/1.1,h2] [--tls new,resume]
//        [--upstream own|same] [--big]
// (--load and --large are accepted: both are on by default.)

import http from 'node:http';
import { execFile, execFileSync, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureCa, type PrivlabCa } from '../src/capture/ca.ts';
import { DEFAULT_MAX_BODY_BYTES } from '../src/core/capture.ts';
import { createCaptureEngine, type LiveCaptureEngineName } from '../src/capture/select-engine.ts';
import { ProxyClient } from '../test/capture/proxy-client.ts';
import { tempRun } from '../test/capture/run-dir.ts';
import { pump, startUpstream, type Upstream, type UpstreamSpec } from './capture-upstream.ts';

const args = process.argv.slice(2);
const VALUED = ['--load-requests', '--per-conn', '--large-mb', '--paths', '--levels', '--protocols', '--tls', '--upstream'];
const option = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const N = Number(args.find((a, i) => /^\d+$/.test(a) && !VALUED.includes(args[i - 1] ?? '')) ?? 1000);
const BIG = args.includes('--big');
const LOAD = !args.includes('--no-load');
const LARGE = !args.includes('--no-large');
const LARGE_BYTES = Number(option('--large-mb') ?? 100) * 1024 * 1024;
const PER_CONNECTION = Number(option('--per-conn') ?? 50);
const LOAD_REQUESTS = Number(option('--load-requests') ?? 2000);
const ENGINES = (option('--paths') ?? 'direct,embedded,mitmproxy').split(',').filter((p) => p !== 'direct') as LiveCaptureEngineName[];
const ALL_PROTOCOLS = ['http/1.1', 'h2'] as const;
type Protocol = (typeof ALL_PROTOCOLS)[number];
const ALL_TLS_VARIANTS = ['new', 'resume'] as const;
type TlsVariant = (typeof ALL_TLS_VARIANTS)[number];
/** A subset of the load rows, for a quick look at one of them (--protocols h2 --tls new --levels 32). */
const only = <T extends string>(all: readonly T[], name: string): readonly T[] => {
  const asked = option(name)?.split(',');
  if (asked?.some((a) => !all.includes(a as T))) throw new Error(`${name}: one of ${all.join(', ')}`);
  return asked ? (asked as T[]) : all;
};
const PROTOCOLS = only(ALL_PROTOCOLS, '--protocols');
const TLS_VARIANTS = only(ALL_TLS_VARIANTS, '--tls');
const LOAD_LEVELS = (option('--levels') ?? '1,8,32,128').split(',').map(Number);
const GIB = 1024 ** 3;
/** The servers' process (set in main), for the serving side's CPU. */
let upstreamPid: number | undefined;
/** Where the servers run (bench/capture-upstream.ts): a process of their own, or this one with the embedded proxy. */
const UPSTREAM = option('--upstream') ?? 'own';
if (UPSTREAM !== 'own' && UPSTREAM !== 'same') throw new Error('--upstream: own or same');
const HOST = 'bench.test';
const BODY = JSON.stringify({ phone: '13800138000', name: 'bench' });

function peakRssSampler(): { stop(): number } {
  let peak = 0;
  const sample = () => {
    let rss = process.memoryUsage().rss;
    try {
      rss += 1024 * Number(execFileSync('ps', ['-C', 'mitmdump', '-o', 'rss=']).toString().trim().split('\n')[0] || 0);
    } catch {
      // no mitmdump running
    }
    peak = Math.max(peak, rss);
  };
  const timer = setInterval(sample, 200);
  return { stop: () => (clearInterval(timer), sample(), peak) };
}

async function bigBodies(name: LiveCaptureEngineName, ca: PrivlabCa, port: number): Promise<string> {
  const run = tempRun();
  const engine = createCaptureEngine(name, { sink: run.writer, hostMap: { [HOST]: `127.0.0.1:${port}` } }, ca);
  const proxy = new URL((await engine.start()).url);
  const rss = peakRssSampler();
  const t0 = performance.now();
  await new Promise<void>((resolve, reject) => {
    const req = http.request({ host: proxy.hostname, port: proxy.port, method: 'POST', path: `http://${HOST}/upload`, headers: { host: HOST, 'content-length': GIB } }, (res) => res.resume().on('end', resolve));
    req.on('error', reject);
    void pump(req, GIB).then(() => req.end());
  });
  const up = performance.now() - t0;
  let received = 0;
  await new Promise<void>((resolve, reject) => {
    http.get({ host: proxy.hostname, port: proxy.port, path: `http://${HOST}/gib`, headers: { host: HOST } }, (res) => {
      res.on('data', (d: Buffer) => (received += d.length)).on('end', resolve);
    }).on('error', reject);
  });
  const down = performance.now() - t0 - up;
  await engine.stop();
  run.writer.close();
  const peak = rss.stop();
  const cut = run.flows().filter((f) => f.request.body?.truncated || f.response?.body?.truncated).length;
  if (received !== GIB || cut !== 2) throw new Error(`${name}: received ${received} bytes, ${cut} cut bodies`);
  return `${name.padEnd(10)} 1 GiB up ${(up / 1000).toFixed(1)} s, 1 GiB down ${(down / 1000).toFixed(1)} s, peak RSS ${(peak / 2 ** 20).toFixed(0)} MiB (limit ${DEFAULT_MAX_BODY_BYTES / 2 ** 20} MiB per body)`;
}

interface Row {
  path: string;
  scheme: string;
  rps: number;
  median: number;
  p95: number;
}

async function measure(client: ProxyClient, url: string): Promise<Omit<Row, 'path' | 'scheme'>> {
  for (let i = 0; i < 20; i++) await client.request(url, { method: 'POST', body: BODY }); // warm up: TLS, JIT
  const times: number[] = [];
  const t0 = performance.now();
  for (let i = 0; i < N; i++) {
    const s = performance.now();
    const res = await client.request(url, { method: 'POST', body: BODY, headers: { 'content-type': 'application/json' } });
    if (res.status !== 200) throw new Error(`${url}: status ${res.status}`);
    times.push(performance.now() - s);
  }
  const total = performance.now() - t0;
  times.sort((a, b) => a - b);
  return { rps: (N / total) * 1000, median: times[Math.floor(N / 2)]!, p95: times[Math.floor(N * 0.95)]! };
}

interface LoadRow {
  path: string;
  protocol: Protocol;
  tls: TlsVariant;
  clients: number;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  connections: number;
  resumed: number;
  /** CPU ms per request of the serving side (servingCpuMs). */
  cpu: number;
}

type LoadResult = Omit<LoadRow, 'path'> & { sent: number };

/** One load level from a separate process; async, so an embedded proxy in this process keeps serving. */
async function load(proxy: string | null, ca: string, url: string, clients: number, protocol: Protocol, tls: TlsVariant): Promise<LoadResult> {
  const spec = JSON.stringify({ proxy, ca, url, clients, requests: LOAD_REQUESTS, h2: protocol === 'h2', tls, perConnection: PER_CONNECTION });
  // node --import tsx rather than npx: 48 processes per run, and npx's start-up is most of a second each.
  const cpu0 = servingCpuMs(upstreamPid);
  const { stdout, stderr } = await promisify(execFile)(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'capture-load.ts'), spec], { maxBuffer: 16 * 1024 * 1024 });
  // LOAD_DEBUG=1: the load process writes each failure; show them with the row they belong to.
  if (process.env.LOAD_DEBUG && stderr) process.stderr.write(`--- ${protocol} ${tls} ${clients} clients through ${proxy ?? 'direct'}\n${stderr}`);
  const r = JSON.parse(stdout.trim().split('\n').at(-1)!) as Omit<LoadResult, 'protocol' | 'tls' | 'clients' | 'cpu'>;
  return { protocol, tls, clients, ...r, cpu: (servingCpuMs(upstreamPid) - cpu0) / r.sent };
}

async function eachLevel(run: (clients: number, protocol: Protocol, tls: TlsVariant) => Promise<LoadResult>): Promise<LoadResult[]> {
  const out: LoadResult[] = [];
  for (const protocol of PROTOCOLS) {
    for (const tls of TLS_VARIANTS) {
      for (const clients of LOAD_LEVELS) out.push(await run(clients, protocol, tls));
    }
  }
  return out;
}

async function loadRows(ca: PrivlabCa, leaf: { cert: string }, plainPort: number, securePort: number): Promise<{ rows: LoadRow[]; recorded: string[] }> {
  const rows: LoadRow[] = [];
  const recorded: string[] = [];
  for (const r of await eachLevel((clients, protocol, tls) => load(null, leaf.cert, `https://localhost:${securePort}/api`, clients, protocol, tls))) rows.push({ ...r, path: 'direct' });
  for (const name of ENGINES) {
    const run = tempRun();
    const engine = createCaptureEngine(name, { sink: run.writer, hostMap: { [HOST]: `127.0.0.1:${plainPort}` } }, ca);
    const proxy = await engine.start();
    engine.setContext({ phase: 'register', variant: 'accept-all' });
    const results = await eachLevel((clients, protocol, tls) => load(proxy.url, ca.certPem, `https://${HOST}/api`, clients, protocol, tls));
    await engine.stop();
    run.writer.close();
    const sent = results.reduce((n, r) => n + r.sent, 0);
    const failed = results.reduce((n, r) => n + r.errors, 0);
    const flows = run.flows().length;
    // A failed request may have failed before the proxy saw it; without failures every one is a flow.
    if (failed === 0 ? flows !== sent : flows > sent) throw new Error(`${name}: recorded ${flows} flows of ${sent} requests sent under load (${failed} failed)`);
    recorded.push(`${name}: ${flows} flows recorded of ${sent} requests sent under load (${failed} failed)`);
    for (const r of results) rows.push({ ...r, path: name });
  }
  return { rows, recorded };
}

const ratio = (a: number, b: number | undefined): string => (b ? (a / b).toFixed(2) : '');

function printLoad({ rows, recorded }: { rows: LoadRow[]; recorded: string[] }): void {
  const connections = PER_CONNECTION > 0 ? `a new TLS connection every ${PER_CONNECTION} requests per client, handshakes timed` : 'one keep-alive connection per client, opened before the clock';
  console.log(`\nunder load: ${LOAD_REQUESTS} HTTPS POSTs per row from N clients in another process; ${connections}`);
  console.log('srv CPU: CPU ms per request of everything serving it (the servers\' process, this one with the embedded proxy, mitmdump): steadier than req/s on a shared machine');
  console.log('tls new: every connection a full handshake; tls resume: each connection offers the client\'s previous session (resumed = connections the path resumed)');
  console.log('protocol  tls     clients  path          req/s   p50 ms   p99 ms  +p50 ms  p50 x  +p99 ms  p99 x  req/s vs direct  vs mitmdump  resumed  failed  srv CPU ms/req');
  for (const protocol of PROTOCOLS) {
    for (const tls of TLS_VARIANTS) {
      for (const clients of LOAD_LEVELS) {
        const at = (path: string) => rows.find((r) => r.path === path && r.clients === clients && r.protocol === protocol && r.tls === tls);
        const direct = at('direct')!;
        for (const r of ['direct', ...ENGINES].map(at)) {
          if (!r) continue;
          console.log(
            [protocol.padEnd(8), tls.padEnd(7), String(clients).padStart(7), r.path.padEnd(10), r.rps.toFixed(0).padStart(8), r.p50.toFixed(1).padStart(8), r.p99.toFixed(1).padStart(8),
              (r.p50 - direct.p50).toFixed(1).padStart(8), ratio(r.p50, direct.p50).padStart(6), (r.p99 - direct.p99).toFixed(1).padStart(8), ratio(r.p99, direct.p99).padStart(6),
              ratio(r.rps, direct.rps).padStart(16), (r.path === 'mitmproxy' ? '' : ratio(r.rps, at('mitmproxy')?.rps)).padStart(12),
              `${r.resumed}/${r.connections}`.padStart(8), String(r.errors).padStart(7), r.cpu.toFixed(2).padStart(15)].join(' '),
          );
        }
      }
    }
  }
  for (const line of recorded) console.log(line);
}

interface LargeRow {
  path: string;
  upMBs: number;
  downMBs: number;
}

/** 100 MB up, then 100 MB down, over HTTPS (HTTP/1.1), from another process (bench/capture-large.ts): directly, or through a capture engine. */
async function largeRow(path: string, proxy: string | null, ca: string, url: string): Promise<LargeRow> {
  const spec = JSON.stringify({ proxy, ca, url, bytes: LARGE_BYTES });
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'capture-large.ts'), spec], { maxBuffer: 1024 * 1024 });
  const r = JSON.parse(stdout.trim().split('\n').at(-1)!) as { upMs: number; downMs: number; upStatus: number; downBytes: number };
  if (r.upStatus !== 200 || r.downBytes !== LARGE_BYTES) throw new Error(`${path}: upload status ${r.upStatus}, downloaded ${r.downBytes} of ${LARGE_BYTES} bytes`);
  const mbs = (ms: number) => LARGE_BYTES / 2 ** 20 / (ms / 1000);
  return { path, upMBs: mbs(r.upMs), downMBs: mbs(r.downMs) };
}

async function largeRows(ca: PrivlabCa, leaf: { cert: string }, plainPort: number, securePort: number): Promise<string[]> {
  const rows = [await largeRow('direct', null, leaf.cert, `https://localhost:${securePort}`)];
  for (const name of ENGINES) {
    const run = tempRun();
    const engine = createCaptureEngine(name, { sink: run.writer, hostMap: { [HOST]: `127.0.0.1:${plainPort}` } }, ca);
    const proxy = (await engine.start()).url;
    engine.setContext({ phase: 'register', variant: 'accept-all' });
    rows.push(await largeRow(name, proxy, ca.certPem, `https://${HOST}`));
    await engine.stop();
    run.writer.close();
    const flows = run.flows();
    if (flows.length !== 2) throw new Error(`${name}: recorded ${flows.length} flows of the 2 large exchanges`);
    // Each large body is recorded with its true size: the stored head, cut at the limit only when over it.
    const kept = Math.min(LARGE_BYTES, DEFAULT_MAX_BODY_BYTES);
    const bodies = [flows[0]!.request.body, flows[1]!.response?.body];
    if (bodies.some((b) => b?.size !== kept || Boolean(b.truncated) !== LARGE_BYTES > kept)) throw new Error(`${name}: large bodies recorded as ${JSON.stringify(bodies)}`);
  }
  const base = rows[0]!;
  return [
    `\nlarge bodies: ${LARGE_BYTES / 2 ** 20} MB up and down over HTTPS (HTTP/1.1) from another process; bodies over the ${DEFAULT_MAX_BODY_BYTES / 2 ** 20} MiB capture limit are forwarded whole and recorded cut`,
    'path        up MB/s  vs direct  vs mitmdump  down MB/s  vs direct  vs mitmdump',
    ...rows.map((r) => {
      const mitm = r.path === 'mitmproxy' ? undefined : rows.find((m) => m.path === 'mitmproxy');
      return [r.path.padEnd(10), r.upMBs.toFixed(0).padStart(8), ratio(r.upMBs, base.upMBs).padStart(10), ratio(r.upMBs, mitm?.upMBs).padStart(12),
        r.downMBs.toFixed(0).padStart(10), ratio(r.downMBs, base.downMBs).padStart(10), ratio(r.downMBs, mitm?.downMBs).padStart(12)].join(' ');
    }),
  ];
}

/** The direct https server's certificate (mockttp does not export its leaf-certificate helper). */
function selfSignedLocalhost(): { key: string; cert: string } {
  const dir = mkdtempSync(join(tmpdir(), 'privlab-bench-tls-'));
  const [key, cert] = [join(dir, 'key.pem'), join(dir, 'cert.pem')];
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-subj', '/CN=localhost',
    '-addext', 'subjectAltName=DNS:localhost', '-days', '1', '-keyout', key, '-out', cert], { stdio: 'ignore' });
  return { key: readFileSync(key, 'utf8'), cert: readFileSync(cert, 'utf8') };
}

/** utime + stime of a process in ms (Linux /proc, 100 ticks a second), 0 when it is gone. */
function processCpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return 0;
  }
}

/**
 * CPU used so far by everything that serves the load, not the clients: this process (the embedded
 * proxy), the servers' process and mitmdump. Under a shared machine's load, wall-clock req/s swings
 * from run to run; CPU per request is what a change to a path's own work moves.
 */
function servingCpuMs(upstreamPid: number | undefined): number {
  const self = process.cpuUsage();
  let ms = (self.user + self.system) / 1000 + (upstreamPid ? processCpuMs(upstreamPid) : 0);
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === process.pid && stat.includes('(mitmdump)')) ms += processCpuMs(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return ms;
}

/** The direct server and the engines' upstream, in their own process unless --upstream same. */
async function servers(spec: UpstreamSpec): Promise<Upstream> {
  if (UPSTREAM === 'same') return startUpstream(spec);
  const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'capture-upstream.ts'), JSON.stringify(spec)], { stdio: ['pipe', 'pipe', 'inherit'] });
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`bench/capture-upstream.ts exited ${code}`)));
  });
  const ports = JSON.parse(line) as { plainPort: number; securePort: number };
  return { ...ports, pid: child.pid, close: () => child.stdin.end() };
}

async function main(): Promise<void> {
  const ca = await ensureCa(mkdtempSync(join(tmpdir(), 'privlab-bench-home-')));
  const leaf = selfSignedLocalhost();
  const upstream = await servers({ key: leaf.key, cert: leaf.cert, largeBytes: LARGE_BYTES });
  const { plainPort, securePort } = upstream;
  upstreamPid = upstream.pid;

  const rows: Row[] = [];
  // Direct: the client talks to the server itself (https with a self-signed certificate for localhost).
  const direct = new ProxyClient(null, leaf.cert);
  rows.push({ path: 'direct', scheme: 'http', ...(await measure(direct, `http://127.0.0.1:${plainPort}/api`)) });
  rows.push({ path: 'direct', scheme: 'https', ...(await measure(direct, `https://localhost:${securePort}/api`)) });
  direct.close();

  for (const name of ENGINES) {
    const run = tempRun();
    const engine = createCaptureEngine(name, { sink: run.writer, hostMap: { [HOST]: `127.0.0.1:${plainPort}` } }, ca);
    const proxy = await engine.start();
    engine.setContext({ phase: 'register', variant: 'accept-all' });
    const client = new ProxyClient(proxy.url, ca.certPem);
    rows.push({ path: name, scheme: 'http', ...(await measure(client, `http://${HOST}/api`)) });
    rows.push({ path: name, scheme: 'https', ...(await measure(client, `https://${HOST}/api`)) });
    client.close();
    await engine.stop();
    run.writer.close();
    const recorded = run.flows().length;
    if (recorded !== 2 * (N + 20)) throw new Error(`${name}: recorded ${recorded} flows, expected ${2 * (N + 20)}`);
  }
  const loaded = LOAD ? await loadRows(ca, leaf, plainPort, securePort) : undefined;
  const large = LARGE ? await largeRows(ca, leaf, plainPort, securePort) : [];
  const big: string[] = [];
  if (BIG) {
    for (const name of ENGINES) big.push(await bigBodies(name, ca, plainPort));
  }
  upstream.close();

  console.log(`capture overhead: ${N} sequential keep-alive POSTs per row, loopback, ${new Date().toISOString()}; servers in ${UPSTREAM === 'own' ? 'a process of their own' : "the bench's process, beside the embedded proxy"}`);
  console.log('path       scheme  req/s   median ms  p95 ms  req/s vs direct  added median ms');
  for (const r of rows) {
    const base = rows.find((d) => d.path === 'direct' && d.scheme === r.scheme)!;
    console.log(
      [
        r.path.padEnd(10),
        r.scheme.padEnd(7),
        r.rps.toFixed(0).padStart(5),
        r.median.toFixed(2).padStart(10),
        r.p95.toFixed(2).padStart(7),
        (r.rps / base.rps).toFixed(2).padStart(16),
        (r.median - base.median).toFixed(2).padStart(16),
      ].join(' '),
    );
  }
  if (loaded) printLoad(loaded);
  for (const line of large) console.log(line);
  for (const line of big) console.log(line);
}

await main();
