// The mitmproxy capture engine: Debian's mitmdump with privlab's addon, which reports each exchange
// as a JSON line on a pipe (fd 3); this side writes the same Flow records as the embedded engine.

import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection, createServer, type AddressInfo } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import type { CaptureContext, CaptureEngine, CaptureOptions } from '../core/capture.ts';
import { DEFAULT_MAX_BODY_BYTES } from '../core/capture.ts';
import { dieWithParent } from '../core/child-guard.ts';
import type { ProxySettings } from '../core/driver.ts';
import { ensureCa, type PrivlabCa } from './ca.ts';
import { FlowBuilder, headersFromPairs, type CapturedBody } from './flow-builder.ts';
import { harnessHostPattern } from './harness-hosts.ts';
import { InFlight } from './in-flight.ts';
import { listenerPolicy } from './listener-policy.ts';

const ADDON = fileURLToPath(new URL('./mitmproxy_addon.py', import.meta.url));
const STOP_GRACE_MS = 5_000;
const START_TIMEOUT_MS = 20_000;

/** The request as the addon reports it when its headers arrive, and again when the exchange ends. */
interface AddonRequestHead {
  id: string;
  url: string;
  method: string;
  httpVersion: string;
  headers: [string, string][];
}

interface Started {
  time: Date;
  context: CaptureContext;
  head: AddonRequestHead;
}

/** What the addon writes for a finished exchange (see mitmproxy_addon.py). */
interface AddonFlow extends AddonRequestHead {
  t: 'flow';
  requestBody: { b64: string; total: number };
  status?: number;
  statusText?: string;
  responseHeaders?: [string, string][];
  responseBody?: { b64: string; total: number };
  error?: string;
  durationMs: number;
}

type AddonLine = ({ t: 'start' } & AddonRequestHead) | AddonFlow;

/** Finds mitmdump on PATH, else where Debian installs it. */
export function findMitmdump(path = process.env.PATH ?? '', fallbackDirs: readonly string[] = ['/usr/bin']): string {
  for (const dir of [...path.split(delimiter).filter(Boolean), ...fallbackDirs]) {
    const candidate = join(dir, 'mitmdump');
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this directory
    }
  }
  throw new Error('mitmdump: not found on PATH. Install it with `apt-get install mitmproxy`, or use the embedded capture engine.');
}

export function createMitmproxyEngine(opts: CaptureOptions, ca?: PrivlabCa): CaptureEngine {
  const limit = opts.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const builder = new FlowBuilder(opts.sink, 'mitmproxy', limit, opts.harnessHosts);
  const inFlight = new InFlight<Started>();
  let context: CaptureContext = { phase: null, variant: null };
  let child: ChildProcess | undefined;
  let linesDone: Promise<void> = Promise.resolve();
  let confdir: string | undefined;

  const onLine = (line: string): void => {
    if (!line) return;
    const msg = JSON.parse(line) as AddonLine;
    if (msg.t === 'start') {
      inFlight.set(msg.id, { time: new Date(), context, head: msg });
      return;
    }
    const started = inFlight.take(msg.id);
    builder.write({
      time: started?.time ?? new Date(Date.now() - msg.durationMs),
      context: started?.context ?? context,
      request: { ...requestOf(msg), body: decode(msg.requestBody) },
      ...(msg.status !== undefined
        ? {
            response: {
              status: msg.status,
              statusText: msg.statusText,
              headers: headersFromPairs(msg.responseHeaders ?? []),
              body: msg.responseBody && decode(msg.responseBody),
            },
          }
        : {}),
      ...(msg.error ? { error: msg.error } : {}),
      durationMs: msg.durationMs,
    });
  };

  return {
    name: 'mitmproxy',
    setContext(ctx) {
      context = { ...ctx };
    },
    async start(): Promise<ProxySettings> {
      if (child) throw new Error('mitmproxy capture engine already started');
      const mitmdump = findMitmdump();
      const authority = ca ?? (await ensureCa());
      const host = opts.listenHost ?? '127.0.0.1';
      const policy = listenerPolicy(host, opts.allowClients, opts.allowLoopbackUpstream);
      const port = opts.port ?? (await freePort(host));
      // mitmproxy reads its CA as one PEM holding key and certificate; keep that copy private and temporary.
      confdir = mkdtempSync(join(tmpdir(), 'privlab-mitmproxy-'));
      writeFileSync(join(confdir, 'mitmproxy-ca.pem'), authority.keyPem.trimEnd() + '\n' + authority.certPem, { mode: 0o600 });
      const command = dieWithParent(mitmdump, [
        '-q',
        '-s', ADDON,
        '--listen-host', host,
        '--listen-port', String(port),
        '--set', `confdir=${confdir}`,
        // Connect upstream only when a request needs it: mapped and harness hosts never resolve here.
        '--set', 'connection_strategy=lazy',
        // The addon's allow-list decides who may connect, public addresses included.
        ...(policy.clientCidrs.length ? ['--set', 'block_global=false'] : []),
      ]);
      const proc = spawn(command.command, command.args, {
        stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
        env: {
          ...process.env,
          PRIVLAB_HOSTMAP: JSON.stringify(opts.hostMap ?? {}),
          PRIVLAB_HARNESS_RE: harnessHostPattern(opts.harnessHosts)?.source ?? '',
          PRIVLAB_MAX_BODY: String(limit),
          PRIVLAB_ALLOW_CLIENTS: policy.clientCidrs.join(','),
          PRIVLAB_GUARD_UPSTREAM: policy.guardsUpstream ? '1' : '',
          PRIVLAB_OWN_ADDRESSES: JSON.stringify(Object.values(networkInterfaces()).flat().map((i) => i?.address)),
        },
      });
      child = proc;
      let stderr = '';
      proc.stderr?.on('data', (d: Buffer) => {
        stderr = (stderr + d.toString()).slice(-4000);
      });
      const lines = createInterface({ input: proc.stdio[3] as Readable, crlfDelay: Infinity });
      linesDone = new Promise((resolve) => lines.once('close', resolve));
      lines.on('line', onLine);
      try {
        await waitListening(host, port, proc, () => stderr);
      } catch (e) {
        proc.kill('SIGKILL');
        child = undefined;
        throw e;
      }
      return { url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`, caSpkiSha256: authority.spkiSha256, caCertPem: authority.certPem };
    },
    async stop() {
      const proc = child;
      if (!proc) return;
      const left = await inFlight.drain(STOP_GRACE_MS);
      const exited = new Promise((resolve) => (proc.exitCode !== null ? resolve(undefined) : proc.once('exit', resolve)));
      proc.kill('SIGTERM');
      const killTimer = setTimeout(() => proc.kill('SIGKILL'), STOP_GRACE_MS);
      await exited;
      clearTimeout(killTimer);
      await linesDone;
      for (const [, started] of left) {
        // The addon never reported how these ended; record what was seen of them.
        builder.write({ time: started.time, context: started.context, request: requestOf(started.head), error: 'capture stopped before the exchange completed' });
      }
      child = undefined;
      if (confdir) rmSync(confdir, { recursive: true, force: true });
    },
  };
}

function requestOf(head: AddonRequestHead) {
  return { method: head.method, url: head.url, httpVersion: head.httpVersion, headers: headersFromPairs(head.headers) };
}

function decode(body: { b64: string; total: number }): CapturedBody {
  return { head: Buffer.from(body.b64, 'base64'), total: body.total };
}

async function freePort(host: string): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Polls until mitmdump accepts connections; fails with its stderr if it exits first. */
async function waitListening(host: string, port: number, proc: ChildProcess, stderr: () => string): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (proc.exitCode !== null) throw new Error(`mitmdump exited with code ${proc.exitCode}: ${stderr().trim().split('\n').pop() ?? ''}`);
    const ok = await new Promise<boolean>((resolve) => {
      const socket = createConnection({ host, port }, () => {
        socket.end();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`mitmdump did not listen on ${host}:${port} within ${START_TIMEOUT_MS / 1000} s: ${stderr().trim().split('\n').pop() ?? ''}`);
}
