// Throughput and peak memory of analyzeRun on a large synthetic capture, beside the time to merely read
// and JSON-parse the same flows.jsonl and bodies, in this thread and at 1 and 2 worker threads. The
// outputs of all are compared byte for byte. Generates the run directory in os.tmpdir().
//
//   npx tsx bench/analyze.ts [--flows 100000] [--large-mb 4] [--keep] [--dir <existing run dir>]
//                            [--config <dir>] [--before <checkout>]
//
// --before measures another checkout's analyzeRun on the same capture in the same run (before/after).
// Each measurement runs in its own child process so its peak RSS (VmHWM) is its own. analyzeRun is the
// compiled one in dist/ (built first when stale), as the CLI runs it: from the sources, tsx would compile
// the analysis again in every worker and the figures would measure that.

import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, readdirSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import zlib from 'node:zlib';
import type { RunInfo } from '../src/core/run.ts';
import { RunWriter } from '../src/evidence/run-writer.ts';
import { RUN_FILES } from '../src/evidence/run-layout.ts';
import { readJsonLines } from '../src/evidence/run-reader.ts';

const MEMORY_BUDGET_MB = 500;
const SELF = fileURLToPath(import.meta.url);
const ROOT = resolve(SELF, '../..');

function arg(name: string, dflt?: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : dflt;
}

function peakRssMb(): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
  return m ? Number(m[1]) / 1024 : process.resourceUsage().maxRSS / 1024;
}

/** CPU time of the whole process, every thread: on a shared machine, steadier than wall time. */
function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

// --- generation ----------------------------------------------------------------------------------

let seed = 42;
const rand = (): number => {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed / 0x7fffffff;
};
const repeat = (n: number, base: number): string => {
  let s = '';
  for (let i = 0; i < n; i++) s += Math.floor(rand() * base).toString(base);
  return s;
};
const hex = (n: number): string => repeat(n, 16);
const digits = (n: number): string => repeat(n, 10);

function deviceReport(i: number, events: number): string {
  return JSON.stringify({
    header: { appkey: hex(24), imei: '861234567890127', oaid: `${hex(8)}-${hex(4)}-4${hex(3)}-8${hex(3)}-${hex(12)}`, android_id: hex(16), device_model: 'MI 9', seq: i },
    events: Array.from({ length: events }, (_, k) => ({ id: `${i}-${k}-${hex(12)}`, t: 1700000000000 + i * 1000 + k, page: `/page/${k % 20}`, dur: Math.floor(rand() * 60000), props: { ab: hex(8), v: digits(6) } })),
  });
}

function profile(i: number): string {
  const inner = Buffer.from(JSON.stringify({ phone: '13912345678', idNumber: '44030419900307123X', note: hex(64) })).toString('base64');
  return JSON.stringify({ nickname: `user${i}`, education: '本科', employer: '深圳星河科技有限公司', data: inner, bio: hex(200), tags: Array.from({ length: 300 }, () => hex(10)) });
}

function generate(dir: string, flows: number, largeMb: number): void {
  const w = new RunWriter(dir);
  w.writeRunInfo({
    id: 'bench', privlabVersion: '0', source: 'har-import', variants: ['accept-all'], engine: 'har', tools: {},
    target: { name: 'Bench', category: 'marriage_dating', platform: 'web', firstParty: ['lovelink.test'] },
    persona: { name: '李晓明', phone: '13912345678', idNumber: '44030419900307123X', password: 'Secr3t!pw', email: 'xiaoming.li@example.cn' },
    startedAt: new Date().toISOString(), complete: true, outcomes: [],
  } satisfies RunInfo);
  const image = readFileSync(resolve(ROOT, 'test/fixtures/images/astronaut.png'));
  const largeEvery = Math.max(1, Math.floor(flows / 50));
  const imageEvery = Math.max(1, Math.floor(flows / 20));
  for (let i = 0; i < flows; i++) {
    const r = i % 10;
    let url = `https://api.lovelink.test/v1/r/${i}`;
    let body: Buffer | undefined;
    let contentType = 'application/json';
    let contentEncoding: string | undefined;
    if (i % largeEvery === 7) {
      // A large body: an event dump of about largeMb MB.
      body = Buffer.from(deviceReport(i, Math.floor((largeMb * 1024 * 1024) / 150)));
    } else if (i % imageEvery === 3) {
      contentType = 'multipart/form-data; boundary=BENCH';
      url = 'https://faceid.tencentcloudapi.com/';
      body = Buffer.concat([Buffer.from(`--BENCH\r\nContent-Disposition: form-data; name="selfie"; filename="s${i}.png"\r\nContent-Type: image/png\r\n\r\n`), image, Buffer.from('\r\n--BENCH--\r\n')]);
    } else if (r < 6) {
      url = 'https://alog.umeng.com/app_logs';
      body = Buffer.from(deviceReport(i, 110));
      if (r === 0) {
        body = zlib.gzipSync(body, { level: 1 });
        contentEncoding = 'gzip';
      }
    } else if (r < 8) {
      contentType = 'application/x-www-form-urlencoded';
      body = Buffer.from(`mobile=13912345678&education=%E6%9C%AC%E7%A7%91&sign=${hex(64)}&nonce=${hex(32)}&payload=${hex(1800)}`);
    } else if (r === 8) {
      url = `https://t.gdt.qq.com/conv?muid=${createHash('md5').update('13912345678').digest('hex')}&reqid=${hex(32)}&ts=${1700000000 + i}`;
    } else {
      body = Buffer.from(profile(i));
    }
    w.appendFlow({
      id: w.nextFlowId(), time: new Date(1700000000000 + i).toISOString(), phase: 'register', variant: 'accept-all', client: 'app', engine: 'har',
      request: {
        method: body ? 'POST' : 'GET', url, headers: [{ name: 'User-Agent', value: 'okhttp/4.9.0' }, { name: 'Cookie', value: `sid=${hex(32)}` }],
        ...(body ? { body: w.putBody(body, { contentType, contentEncoding }) } : {}),
      },
    });
  }
  w.close();
}

function dirBytes(dir: string): number {
  return readdirSync(dir).reduce((n, f) => n + statSync(join(dir, f)).size, 0);
}

// --- measured children ---------------------------------------------------------------------------

async function childAnalyze(dir: string, config: string | undefined, workers: number | undefined): Promise<void> {
  const dist = (module: string): string => pathToFileURL(join(ROOT, 'dist', module)).href;
  const { analyzeRun } = (await import(dist('src/analysis/analyze-run.js'))) as typeof import('../src/analysis/analyze-run.ts');
  const { loadCatalogs } = (await import(dist('src/core/catalog-loader.js'))) as typeof import('../src/core/catalog-loader.ts');
  const t0 = performance.now();
  const r = await analyzeRun(dir, { catalogs: loadCatalogs(config), ...(workers === undefined ? {} : { workers }) });
  console.log(JSON.stringify({ ms: performance.now() - t0, cpuMs: cpuMs(), peakMb: peakRssMb(), ...r }));
}

async function childReadOnly(dir: string): Promise<void> {
  const t0 = performance.now();
  let flows = 0;
  let bytes = 0;
  for await (const f of readJsonLines<{ request: { body?: { sha256: string; contentType?: string; contentEncoding?: string } } }>(join(dir, RUN_FILES.flows))) {
    flows++;
    const ref = f.request.body;
    if (!ref) continue;
    const b = readFileSync(join(dir, RUN_FILES.bodies, ref.sha256));
    bytes += b.length;
    if (ref.contentType?.includes('json') && !ref.contentEncoding) JSON.parse(b.toString('utf8'));
  }
  console.log(JSON.stringify({ ms: performance.now() - t0, cpuMs: cpuMs(), peakMb: peakRssMb(), flows, bytes }));
}

interface ChildResult {
  ms: number;
  /** Absent from a --before checkout's bench. */
  cpuMs?: number;
  peakMb: number;
  flows: number;
  /** The machine's 1-minute load average when this measurement started (set here, not by the child). */
  load?: number;
  observations?: number;
  notes?: number;
  sha256?: string;
}

function runChild(mode: string, dir: string, extra: string[] = [], script = SELF): ChildResult {
  const load = loadavg()[0]!;
  const out = execFileSync('npx', ['tsx', script, `--${mode}`, dir, ...extra], { cwd: ROOT, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024, stdio: ['ignore', 'pipe', 'inherit'] });
  const r = { ...(JSON.parse(out.trim().split('\n').at(-1)!) as ChildResult), load };
  // Each analysis overwrites the last one's output: its digest is taken before the next runs.
  if (mode === 'child-analyze') r.sha256 = createHash('sha256').update(readFileSync(join(dir, RUN_FILES.observations))).digest('hex');
  return r;
}

async function main(): Promise<void> {
  const childDir = arg('child-analyze') ?? arg('child-read');
  if (childDir) {
    const workers = arg('workers');
    return process.argv.includes('--child-analyze') ? childAnalyze(childDir, arg('config'), workers === undefined ? undefined : Number(workers)) : childReadOnly(childDir);
  }
  const flows = Number(arg('flows', '100000'));
  const largeMb = Number(arg('large-mb', '4'));
  const given = arg('dir');
  const dir = given ?? mkdtempSync(join(tmpdir(), 'privlab-bench-'));
  const config = arg('config') ? ['--config', arg('config')!] : [];
  try {
    const t = performance.now();
    if (!given) generate(dir, flows, largeMb);
    const bodies = dirBytes(join(dir, RUN_FILES.bodies));
    const flowsFile = statSync(join(dir, RUN_FILES.flows)).size;
    console.log(`${given ? 'reused' : 'generated'} capture${given ? '' : ` in ${((performance.now() - t) / 1000).toFixed(1)} s`}: bodies ${(bodies / 1e6).toFixed(0)} MB, flows.jsonl ${(flowsFile / 1e6).toFixed(1)} MB (${dir})`);
    console.log(`machine: ${availableParallelism()} cores, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} (figures are ratios within this run)`);
    execFileSync(process.execPath, [join(ROOT, 'scripts/build.mjs'), '--if-stale'], { stdio: 'inherit' });
    const read = runChild('child-read', dir);
    console.log(`read + JSON.parse only:  ${(read.ms / 1000).toFixed(1)} s (CPU ${(read.cpuMs! / 1000).toFixed(1)} s), ${(read.flows / (read.ms / 1000)).toFixed(0)} flows/s, peak RSS ${read.peakMb.toFixed(0)} MB, load ${read.load?.toFixed(1)} at its start`);
    const rows: Array<{ label: string; r: ChildResult }> = [];
    const before = arg('before');
    if (before) rows.push({ label: `before (${before})`, r: runChild('child-analyze', dir, config, join(resolve(before), 'bench/analyze.ts')) });
    for (const workers of [0, 1, 2]) rows.push({ label: workers === 0 ? 'in this thread' : `${workers} worker${workers > 1 ? 's' : ''}`, r: runChild('child-analyze', dir, [...config, '--workers', String(workers)]) });
    for (const { label, r } of rows) {
      console.log(
        `analyzeRun, ${label.padEnd(16)} ${(r.ms / 1000).toFixed(1)} s, ${(r.flows / (r.ms / 1000)).toFixed(0)} flows/s, analysis/read ${(r.ms / read.ms).toFixed(1)}x ` +
          (r.cpuMs ? `(CPU ${(r.cpuMs / 1000).toFixed(1)} s, ${(r.cpuMs / read.cpuMs!).toFixed(1)}x the read's), ` : '') +
          `peak RSS ${r.peakMb.toFixed(0)} MB${r.peakMb < MEMORY_BUDGET_MB ? '' : ` (over ${MEMORY_BUDGET_MB} MB)`}, ${r.observations} observations, ${r.notes} notes, load ${r.load?.toFixed(1)} at its start`,
      );
    }
    const mine = rows.filter((x) => !x.label.startsWith('before'));
    const one = mine[0]!.r;
    console.log(`scaling: 1 worker ${(one.ms / mine[1]!.r.ms).toFixed(2)}x, 2 workers ${(one.ms / mine[2]!.r.ms).toFixed(2)}x the speed of the in-thread run`);
    const same = rows.every((x) => x.r.sha256 === one.sha256);
    console.log(`observations.jsonl byte-identical across ${rows.map((x) => x.label).join(', ')}: ${same ? 'YES' : 'NO'}`);
    if (!mine.every((x) => x.r.sha256 === one.sha256)) process.exitCode = 1;
  } finally {
    if (!process.argv.includes('--keep') && !given) rmSync(dir, { recursive: true, force: true });
  }
}

await main();
