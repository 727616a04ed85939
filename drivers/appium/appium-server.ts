// A local Appium server on 127.0.0.1 for one run: a child process (so Appium's drivers and logs stay
// out of privlab's process), drivers from the project-local APPIUM_HOME, stopped with the run.

import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { dieWithParent } from '../../src/core/child-guard.ts';
import { PACKAGE_ROOT } from '../../src/core/package-root.ts';

export interface AppiumServer {
  /** e.g. http://127.0.0.1:4723 */
  url: string;
  stop(): Promise<void>;
}

const START_TIMEOUT_MS = 60_000;
const LOG_TAIL_LINES = 20;

/** The project-local APPIUM_HOME that scripts/setup.sh installs drivers into (or $APPIUM_HOME). */
export function appiumHome(): string {
  return process.env.APPIUM_HOME ?? join(PACKAGE_ROOT, '.appium');
}

export async function freePort(host = '127.0.0.1'): Promise<number> {
  const server = createServer();
  await new Promise<void>((ok, fail) => server.once('error', fail).listen(0, host, ok));
  const address = server.address();
  await new Promise<void>((ok) => server.close(() => ok()));
  if (!address || typeof address === 'string') throw new Error('could not get a free port');
  return address.port;
}

export async function startAppiumServer(home = appiumHome()): Promise<AppiumServer> {
  if (!existsSync(join(home, 'node_modules'))) {
    throw new Error(`no Appium drivers in ${home}: run \`npm run setup\` (it installs them there) or set APPIUM_HOME`);
  }
  const entry = join(dirname(createRequire(import.meta.url).resolve('appium/package.json')), 'index.js');
  const port = await freePort();
  // The server must not outlive a killed privlab (its own chromedriver children are Appium's to end).
  const command = dieWithParent(process.execPath, [entry, 'server', '--address', '127.0.0.1', '--port', String(port), '--log-level', 'error', '--log-no-colors']);
  const child = spawn(command.command, command.args, {
    env: { ...process.env, APPIUM_HOME: home },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const tail: string[] = [];
  const keep = (chunk: Buffer) => {
    tail.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    tail.splice(0, Math.max(0, tail.length - LOG_TAIL_LINES));
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForStatus(url, child, () => tail.join('\n'));
  } catch (e) {
    await stopChild(child);
    throw e;
  }
  return { url, stop: () => stopChild(child) };
}

async function waitForStatus(url: string, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`Appium server exited (code ${child.exitCode}):\n${log()}`);
    const ready = await fetch(`${url}/status`).then((r) => r.ok, () => false);
    if (ready) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`Appium server did not answer on ${url} within ${START_TIMEOUT_MS / 1000} s:\n${log()}`);
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((ok) => child.once('exit', () => ok()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}
