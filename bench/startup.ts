// Start-up time of `privlab --help`, each spawned afresh N times: from the TypeScript sources through
// tsx (how every run started before the package build; PRIVLAB_FROM_SOURCE=1 still does it), and
// compiled, as an installed package runs it: bin/, dist/, config/ and package.json copied to a
// temporary folder without src/ (node_modules linked), so bin/privlab.mjs goes straight to dist/.
// With --before <git revision>, that revision's bin/privlab.mjs is measured too (e.g. e032be7, the last
// commit before the package build), from a `git archive` of it sharing this checkout's node_modules.
// Run: npm run bench:startup [-- runs] [--before <rev>]

import { execSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const RUNS = Number(args.find((a) => /^\d+$/.test(a)) ?? 10);
const BEFORE = args.includes('--before') ? args[args.indexOf('--before') + 1] : undefined;

function timeOnce(args: string[], env: NodeJS.ProcessEnv): number {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { env, encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} failed (exit ${r.status}): ${r.stderr}`);
  return ms;
}

function measure(label: string, args: string[], env: NodeJS.ProcessEnv): void {
  timeOnce(args, env); // warm the file cache so the first spawn does not count disk reads
  const ms = Array.from({ length: RUNS }, () => timeOnce(args, env)).sort((a, b) => a - b);
  const median = ms[Math.floor(ms.length / 2)]!;
  const mean = ms.reduce((a, b) => a + b, 0) / ms.length;
  const s = (x: number) => `${(x / 1000).toFixed(3)} s`;
  console.log(`${label.padEnd(30)} median ${s(median)}  mean ${s(mean)}  min ${s(ms[0]!)}  (${RUNS} runs)`);
}

/** An installed-package layout of this checkout's build. */
function installedCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'privlab-startup-'));
  for (const part of ['bin', 'dist', 'config', 'package.json']) cpSync(join(ROOT, part), join(dir, part), { recursive: true });
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  return dir;
}

/** A revision's files in a temporary folder, with this checkout's node_modules. */
function revisionCopy(rev: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'privlab-startup-rev-'));
  execSync(`git archive ${rev} | tar -x -C ${dir}`, { cwd: ROOT });
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  return dir;
}

const { PRIVLAB_FROM_SOURCE: _drop, ...env } = process.env;
// Node doing nothing, for scale: on a loaded machine every figure grows with it.
measure('node -e 0 (for scale)', ['-e', '0'], env);
if (BEFORE) {
  const dir = revisionCopy(BEFORE);
  try {
    measure(`before (${BEFORE})`, [join(dir, 'bin/privlab.mjs'), '--help'], env);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
measure('from sources (tsx)', [join(ROOT, 'bin/privlab.mjs'), '--help'], { ...env, PRIVLAB_FROM_SOURCE: '1' });
if (!existsSync(join(ROOT, 'dist/src/cli/main.js'))) {
  console.log('compiled (dist/)               not built: run `npm run build` first');
} else {
  const dir = installedCopy();
  try {
    measure('compiled (installed layout)', [join(dir, 'bin/privlab.mjs'), '--help'], env);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
