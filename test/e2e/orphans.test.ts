// No privlab child outlives a SIGKILLed privlab: mitmdump (live capture), Allure's java (report) and
// Chromium (run). Only the privlab process itself is killed, never its group, as a crash or the OOM
// killer would; then every process that was its descendant must be gone within 1.5 s (a parent-death
// signal is immediate; a child left to finish its work, e.g. Allure's ~4 s generation, is not).

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeRun, tempDir } from '../evidence/helpers.ts';
import { killGroup, poll, startChild, type Child } from '../live/child.ts';

const BIN = new URL('../../bin/privlab.mjs', import.meta.url).pathname;

interface Proc {
  pid: number;
  ppid: number;
  comm: string;
  state: string;
}

function processes(): Proc[] {
  const out: Proc[] = [];
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      // comm may hold spaces and parentheses: the fields after the last ')' are fixed.
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const [state, ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.push({ pid: Number(d), ppid: Number(ppid), comm, state: state ?? '' });
    } catch {
      // exited while listing
    }
  }
  return out;
}

function descendants(root: number): Proc[] {
  const all = processes();
  const found: Proc[] = [];
  const parents = new Set([root]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const p of all) {
      if (parents.has(p.ppid) && !parents.has(p.pid)) {
        parents.add(p.pid);
        found.push(p);
        grew = true;
      }
    }
  }
  return found;
}

/** Alive and not a zombie (a zombie has exited; only its parent's bookkeeping is left). */
function alive(pid: number): boolean {
  const p = processes().find((x) => x.pid === pid);
  return p !== undefined && p.state !== 'Z';
}

async function killAndCheck(child: Child, wanted: RegExp): Promise<{ children: string[]; survivors: string[] }> {
  const pid = child.proc.pid!;
  const kids = await poll(() => {
    if (child.proc.exitCode !== null) throw new Error(`privlab exited (${child.proc.exitCode}) before starting ${wanted}:\n${child.err()}`);
    const d = descendants(pid);
    return d.some((p) => wanted.test(p.comm)) && d;
  }, 90_000, () => `no ${wanted} under privlab: ${descendants(pid).map((p) => p.comm).join(', ')}\n${child.out()}\n${child.err()}`, 50);
  process.kill(pid, 'SIGKILL');
  await child.exited;
  const survivors = await poll(() => {
    const left = kids.filter((k) => alive(k.pid));
    return left.length === 0 ? [] : false;
  }, 1_500, () => `still running: ${kids.filter((k) => alive(k.pid)).map((k) => `${k.comm}(${k.pid})`).join(', ')}`).catch(() =>
    kids.filter((k) => alive(k.pid)).map((k) => `${k.comm}(${k.pid})`),
  );
  // Whatever is left is cleaned up here so one failure does not leak into other tests.
  for (const k of kids) if (alive(k.pid)) process.kill(k.pid, 'SIGKILL');
  killGroup(child.proc);
  return { children: kids.map((k) => k.comm), survivors };
}

describe('no child outlives a SIGKILLed privlab', () => {
  it('mitmdump of a live capture', async () => {
    const root = tempDir('orphan-capture');
    const child = startChild(BIN, ['capture', '--category', 'marriage_dating', '--capture', 'mitmproxy', '--out-root', join(root, 'runs'), '--no-report'], { PRIVLAB_HOME: join(root, 'home') });
    await child.waitFor(/recording/);
    const r = await killAndCheck(child, /mitmdump/);
    expect(r.children.some((c) => /mitmdump/.test(c))).toBe(true);
    expect(r.survivors).toEqual([]);
  }, 120_000);

  it("Allure's java while reporting", async () => {
    const { dir } = makeRun();
    const child = startChild(BIN, ['report', dir, '--no-pdf'], { PRIVLAB_HOME: tempDir('orphan-home') });
    const r = await killAndCheck(child, /^java$/);
    expect(r.survivors).toEqual([]);
  }, 120_000);

  it('Chromium while running a scenario', async () => {
    const root = tempDir('orphan-run');
    const child = startChild(BIN, ['run', 'scenarios/demo/linyu/scenario.ts', '--variants', 'accept-all', '--out', join(root, 'run'), '--no-report'], { PRIVLAB_HOME: join(root, 'home') });
    const r = await killAndCheck(child, /chrom/i);
    expect(r.survivors).toEqual([]);
  }, 120_000);
});
