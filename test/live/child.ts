// Child processes for CLI tests: start one, collect its output, wait for a line or its exit.

import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';

export interface Child {
  proc: ChildProcess;
  out(): string;
  err(): string;
  /** Resolves with the first match of re in stdout, waiting up to timeoutMs. */
  waitFor(re: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  exited: Promise<number | null>;
}

/** Runs a TypeScript entry (or bin/privlab.mjs) with node; detached so its whole group can be killed. */
export function startChild(entry: string, args: string[], env: NodeJS.ProcessEnv = {}): Child {
  const nodeArgs = entry.endsWith('.ts') ? ['--import', 'tsx', entry, ...args] : [entry, ...args];
  const proc = spawn(process.execPath, nodeArgs, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let out = '';
  let err = '';
  proc.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
  return {
    proc,
    out: () => out,
    err: () => err,
    exited,
    waitFor: (re, timeoutMs = 60_000) => poll(() => out.match(re), timeoutMs, () => `no ${re} in output:\n${out}\n${err}`),
  };
}

export async function runChild(entry: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; out: string; err: string }> {
  const c = startChild(entry, args, env);
  const code = await c.exited;
  return { code, out: c.out(), err: c.err() };
}

/** Kills the child's whole process group (browser, app server and all), ignoring one already gone. */
export function killGroup(proc: ChildProcess, signal: NodeJS.Signals = 'SIGKILL'): void {
  try {
    if (proc.pid) process.kill(-proc.pid, signal);
  } catch {
    // already gone
  }
}

export async function poll<T>(check: () => T | null | undefined | false, timeoutMs: number, describe: () => string, everyMs = 100): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = check();
    if (v) return v;
    if (Date.now() > until) throw new Error(`timed out after ${timeoutMs} ms: ${describe()}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

export async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as AddressInfo;
  await new Promise((r) => s.close(r));
  return port;
}
