// `privlab capture --listen <non-loopback>` without --allow refuses to start (nothing listens, no run
// directory is made); a bad --allow is named.

import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runChild } from './child.ts';

const BIN = new URL('../../bin/privlab.mjs', import.meta.url).pathname;

describe('privlab capture on a network address', () => {
  it('refuses --listen 0.0.0.0 without --allow, and a malformed --allow', async () => {
    const root = mkdtempSync(join(tmpdir(), 'privlab-listen-'));
    const env = { PRIVLAB_HOME: join(root, 'home') };
    const args = ['capture', '--category', 'marriage_dating', '--out-root', join(root, 'runs'), '--listen', '0.0.0.0', '--no-report'];
    const open = await runChild(BIN, args, env);
    expect(open.code).toBe(2);
    expect(open.err).toContain('--listen 0.0.0.0: the proxy would listen on 0.0.0.0, reachable from the network, with no allow-list');
    expect(open.err).toContain('--allow <cidr,...>');
    const bad = await runChild(BIN, [...args, '--allow', '192.168.1.0/99'], env);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('"192.168.1.0/99" is not an address or CIDR');
    expect(existsSync(join(root, 'runs')) ? readdirSync(join(root, 'runs')) : []).toEqual([]);
  }, 60_000);
});
