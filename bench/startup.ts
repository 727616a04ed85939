// Start-up time of `privlab --help`: the compiled CLI (dist/) against the same CLI run from its
// TypeScript sources through tsx (PRIVLAB_FROM_SOURCE=1), each spawned afresh N times.
// Run: npm run bench:startup [-- runs]

import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../bin/privlab.mjs', import.meta.url));
const DIST_MAIN = fileURLToPath(new URL('../dist/src/cli/main.js', import.meta.url));
const RUNS = Number(process.argv[2] ?? 10);

function timeOnce(env: NodeJS.ProcessEnv): number {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [BIN, '--help'], { env, encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0 || !r.stdout.includes('Usage: privlab')) throw new Error(`privlab --help failed (exit ${r.status}): ${r.stderr}`);
  return ms;
}

function measure(label: string, env: NodeJS.ProcessEnv): void {
  timeOnce(env); // warm the file cache so the first spawn does not count disk reads
  const ms = Array.from({ length: RUNS }, () => timeOnce(env)).sort((a, b) => a - b);
  const median = ms[Math.floor(ms.length / 2)]!;
  const mean = ms.reduce((a, b) => a + b, 0) / ms.length;
  console.log(`${label.padEnd(28)} median ${(median / 1000).toFixed(3)} s  mean ${(mean / 1000).toFixed(3)} s  min ${(ms[0]! / 1000).toFixed(3)} s  (${RUNS} runs)`);
}

const { PRIVLAB_FROM_SOURCE: _drop, ...base } = process.env;
measure('from sources (tsx)', { ...base, PRIVLAB_FROM_SOURCE: '1' });
if (existsSync(DIST_MAIN)) measure('compiled (dist/)', base);
else console.log('compiled (dist/)             not built: run `npm run build` first');
