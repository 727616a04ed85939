// An embedded engine in front of one test upstream, with a client that trusts its CA: what several capture
// tests start before their cases and stop after them.

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureCa, type PrivlabCa } from '../../src/capture/ca.ts';
import { createEmbeddedEngine } from '../../src/capture/embedded.ts';
import type { CaptureEngine, CaptureOptions } from '../../src/core/capture.ts';
import { ProxyClient } from './proxy-client.ts';
import { tempRun } from './run-dir.ts';
import { startUpstream, type Upstream } from './upstream.ts';

export interface MappedProxy {
  upstream: Upstream;
  ca: PrivlabCa;
  run: ReturnType<typeof tempRun>;
  engine: CaptureEngine;
  proxy: URL;
  client: ProxyClient;
}

/** `options`: the engine's options given the upstream (its hostMap names the upstream's port); the sink is the run's. */
export async function startMappedProxy(options: (upstream: Upstream) => Omit<CaptureOptions, 'sink'>): Promise<MappedProxy> {
  const upstream = await startUpstream();
  const ca = await ensureCa(mkdtempSync(join(tmpdir(), 'privlab-home-')));
  const run = tempRun();
  const engine = createEmbeddedEngine({ ...options(upstream), sink: run.writer }, ca);
  const proxy = new URL((await engine.start()).url);
  return { upstream, ca, run, engine, proxy, client: new ProxyClient(proxy.href, ca.certPem) };
}

export async function stopMappedProxy(p: MappedProxy | undefined): Promise<void> {
  if (!p) return;
  p.client.close();
  await p.engine.stop();
  p.run.writer.close();
  await p.upstream.close();
}
