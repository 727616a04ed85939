// `privlab verify` on a real run: intact after `privlab run`, and names the body whose byte changed.

import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runChild } from '../live/child.ts';

const BIN = new URL('../../bin/privlab.mjs', import.meta.url).pathname;

describe('privlab verify on a fresh run', () => {
  it('passes, then fails naming the body after one byte of it changes', async () => {
    const root = mkdtempSync(join(tmpdir(), 'privlab-verify-'));
    const runDir = join(root, 'run');
    const env = { PRIVLAB_HOME: join(root, 'home') };
    const run = await runChild(BIN, ['run', 'scenarios/demo/lovelink/scenario.ts', '--out', runDir, '--variants', 'accept-all', '--no-pdf'], env);
    expect(run.code, run.err).toBe(0);

    const ok = await runChild(BIN, ['verify', runDir], env);
    expect(ok.code, ok.out + ok.err).toBe(0);
    expect(ok.out).toMatch(/^OK /);

    // The largest body: certainly a captured request or response, not an empty one.
    const bodies = readdirSync(join(runDir, 'bodies'));
    const sha = bodies.sort((a, b) => statSync(join(runDir, 'bodies', b)).size - statSync(join(runDir, 'bodies', a)).size)[0]!;
    const path = join(runDir, 'bodies', sha);
    const bytes = readFileSync(path);
    const at = Math.floor(bytes.length / 2);
    bytes.writeUInt8(bytes.readUInt8(at) ^ 0x01, at);
    writeFileSync(path, bytes);

    const bad = await runChild(BIN, ['verify', runDir], env);
    expect(bad.code).toBe(1);
    expect(bad.out).toContain(`bodies/${sha}`);
    expect(bad.out).toMatch(/changed/);
  });
});
