// mockttp refuses a passthrough to the proxy itself as a loop. Its check matched a client's port
// against the local port of any upstream connection, and on loopback a client and an upstream
// connection often share an ephemeral port (Linux reuses one for different destinations): such
// requests failed with 500 under load. The embedded engine replaces the check with the whole
// connection: both addresses and both ports.

import { createRequire } from 'node:module';
import { mkdtempSync } from 'node:fs';
import net, { type AddressInfo, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ensureCa } from '../../src/capture/ca.ts';
import { createEmbeddedEngine } from '../../src/capture/embedded.ts';
import { ProxyClient } from './proxy-client.ts';
import { tempRun } from './run-dir.ts';

type Ends = Pick<Socket, 'localAddress' | 'localPort' | 'remoteAddress' | 'remotePort'>;
const { isSocketLoop } = createRequire(import.meta.url)('mockttp/dist/util/socket-util') as { isSocketLoop: (outgoing: Set<Ends>, incoming: Ends) => boolean };

const upstreamConnection: Ends = { localAddress: '127.0.0.1', localPort: 40000, remoteAddress: '127.0.0.1', remotePort: 3000 };

async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as AddressInfo;
  await new Promise((r) => s.close(r));
  return port;
}

describe('embedded engine: passthrough loops', () => {
  it('a client on the same ephemeral port as an upstream connection is no loop', () => {
    const client: Ends = { remoteAddress: '127.0.0.1', remotePort: 40000, localAddress: '127.0.0.1', localPort: 8001 };
    expect(isSocketLoop(new Set([upstreamConnection]), client)).toBe(false);
  });

  it('the far end of an upstream connection is one, IPv4-mapped or not', () => {
    const self: Ends = { remoteAddress: '::ffff:127.0.0.1', remotePort: 40000, localAddress: '::ffff:127.0.0.1', localPort: 3000 };
    expect(isSocketLoop(new Set([upstreamConnection]), self)).toBe(true);
  });

  it('still refuses a host mapped to the proxy itself, and records the exchanges', async () => {
    const port = await freePort();
    const run = tempRun();
    const ca = await ensureCa(mkdtempSync(join(tmpdir(), 'privlab-home-')));
    const engine = createEmbeddedEngine({ sink: run.writer, port, hostMap: { 'self.example.test': `127.0.0.1:${port}` } }, ca);
    const client = new ProxyClient((await engine.start()).url, ca.certPem);
    try {
      const res = await client.request('http://self.example.test/again');
      expect(res.status).toBe(500);
      expect(res.body.toString()).toMatch(/loop/i);
      await run.flowFor('http://self.example.test/again');
    } finally {
      client.close();
      await engine.stop();
      run.writer.close();
    }
  });
});
