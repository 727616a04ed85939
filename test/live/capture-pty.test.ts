// `privlab capture` in a pseudo-terminal (util-linux `script` gives it one), as a tester runs it: keys
// mark the phases, each flow is printed as it happens with its party and the PI found in it, and
// ending a phase prints its summary.

import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProxyClient } from '../capture/proxy-client.ts';
import { freePort, killGroup, poll } from './child.ts';

const BIN = new URL('../../bin/privlab.mjs', import.meta.url).pathname;
const PHONE = '13812345678';

let upstream: http.Server;
let upstreamPort: number;

beforeAll(async () => {
  upstream = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}'));
  });
  await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', r));
  upstreamPort = (upstream.address() as AddressInfo).port;
});
afterAll(() => new Promise((r) => upstream.close(r)));

/** A shell-quoted command line for `script -c`. */
const shell = (args: string[]) => args.map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');

describe('privlab capture in a terminal', () => {
  it('prints each flow as it happens and a summary when a phase ends', async () => {
    const root = mkdtempSync(join(tmpdir(), 'privlab-pty-'));
    const port = await freePort();
    const command = shell([process.execPath, BIN, 'capture', '--category', 'marriage_dating', '--name', 'PtyTest', '--first-party', '127.0.0.1',
      '--port', String(port), '--out', join(root, 'run'), '--no-report']);
    const term = spawn('script', ['-qfec', command, '/dev/null'], { env: { ...process.env, PRIVLAB_HOME: join(root, 'home') }, stdio: ['pipe', 'pipe', 'pipe'], detached: true });
    let out = '';
    term.stdout.on('data', (d: Buffer) => (out += d.toString()));
    term.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const exited = new Promise<number | null>((r) => term.on('exit', r));
    const waitFor = (re: RegExp) => poll(() => out.match(re), 60_000, () => `no ${re} in:\n${out}`);
    const client = new ProxyClient(`http://127.0.0.1:${port}`);
    try {
      await waitFor(/keys: r register/); // stdin is a terminal: the single-key marks are on
      await waitFor(/recording/);
      term.stdin.write('r');
      await waitFor(/register started/);

      const base = `http://127.0.0.1:${upstreamPort}`;
      const body = JSON.stringify({ phone: PHONE, nickname: 'tester' });
      await client.request(`${base}/api/register?src=app`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      await client.request(`${base}/static/logo.png`);
      const line = await waitFor(/^.*POST.*\r?$/m);
      expect(line[0]).toMatch(new RegExp(`register\\s+POST\\s+200\\s+127\\.0\\.0\\.1:${upstreamPort}/api/register\\?src=app\\s+↑${body.length} B ↓11 B\\s+first\\s+PI (\\w+, )*phone_number\\b`));
      const quiet = await waitFor(/^.*\/static\/logo\.png.*\r?$/m);
      expect(quiet[0]).toMatch(/GET\s+200.*first\s+no PI/);

      term.stdin.write('e');
      const summary = await waitFor(/── register completed: .*\r?$/m);
      expect(summary[0]).toMatch(/2 flows to 1 hosts; PI sent: .*phone_number → first \(1 flow\)/);

      term.stdin.write('q');
      expect(await exited, out).toBe(0);
      expect(out).toContain('next: privlab report');
    } finally {
      client.close();
      if (term.exitCode === null) killGroup(term);
    }
  }, 180_000);
});
