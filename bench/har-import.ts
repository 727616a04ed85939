// Imports a generated ~200 MB HAR and prints throughput and peak memory, to show the import
// streams (memory stays flat while the file grows). Run: npx tsx bench/har-import.ts [MB]

import { once } from 'node:events';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importHar } from '../src/evidence/har-import.ts';

const targetMb = Number(process.argv[2] ?? 200);
const dir = mkdtempSync(join(tmpdir(), 'privlab-bench-'));
const file = join(dir, 'big.har');

async function generate(): Promise<number> {
  const out = createWriteStream(file);
  const write = async (s: string) => {
    if (!out.write(s)) await once(out, 'drain');
  };
  await write('{"log":{"version":"1.2","creator":{"name":"bench","version":"1"},"pages":[],"entries":[\n');
  const filler = 'x'.repeat(8 * 1024);
  const bigBinary = Buffer.alloc(4 * 1024 * 1024, 7).toString('base64');
  let n = 0;
  while (out.bytesWritten + out.writableLength < targetMb * 1024 * 1024) {
    // Mostly 8 KB JSON bodies, with a 4 MB base64 upload every 200 entries.
    const big = n % 200 === 199;
    const entry = {
      startedDateTime: new Date(1_700_000_000_000 + n).toISOString(),
      time: 5,
      request: {
        method: 'POST', url: `https://app.test/api/${n}`, httpVersion: 'HTTP/1.1', cookies: [], queryString: [], headersSize: -1, bodySize: -1,
        headers: [{ name: 'Content-Type', value: 'application/json' }],
        postData: big ? { mimeType: 'image/jpeg', text: bigBinary, encoding: 'base64' } : { mimeType: 'application/json', text: JSON.stringify({ n, filler }) },
      },
      response: { status: 200, statusText: 'OK', httpVersion: 'HTTP/1.1', cookies: [], headers: [], redirectURL: '', headersSize: -1, bodySize: -1, content: { size: 2, mimeType: 'text/plain', text: `ok${n}` } },
      cache: {}, timings: { send: 0, wait: 5, receive: 0 },
    };
    await write((n ? ',\n' : '') + JSON.stringify(entry));
    n++;
  }
  await write('\n]}}\n');
  out.end();
  await once(out, 'finish');
  return n;
}

const entries = await generate();
const size = statSync(file).size;
global.gc?.();
const base = process.memoryUsage();
let peakHeap = base.heapUsed;
let peakRss = base.rss;
const sampler = setInterval(() => {
  const m = process.memoryUsage();
  peakHeap = Math.max(peakHeap, m.heapUsed);
  peakRss = Math.max(peakRss, m.rss);
}, 20);
const t0 = performance.now();
const r = await importHar(file, dir, { category: 'bench', keepOriginal: false });
const secs = (performance.now() - t0) / 1000;
clearInterval(sampler);
const mb = (x: number) => (x / 1024 / 1024).toFixed(1);
console.log(`HAR ${mb(size)} MB, ${entries} entries -> ${r.flows} flows, ${r.warnings.length} warnings`);
console.log(`import: ${secs.toFixed(2)} s, ${(size / 1024 / 1024 / secs).toFixed(1)} MB/s`);
console.log(`heap: ${mb(base.heapUsed)} MB before, peak ${mb(peakHeap)} MB; rss peak ${mb(peakRss)} MB`);
rmSync(dir, { recursive: true, force: true });
