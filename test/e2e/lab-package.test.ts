// privlab as a lab installs it: the repository packed (`npm pack`, which builds dist/ through prepare),
// the tarball installed into a folder outside the repository, `privlab init` there, then `privlab run`
// of the example scenario against a small sign-up page this test serves on 127.0.0.1.

import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const base = mkdtempSync(join(tmpdir(), 'privlab-lab-'));
const lab = join(base, 'lab');
let server: Server | undefined;

afterAll(() => {
  server?.close();
  rmSync(base, { recursive: true, force: true });
});

/** The page the example scenario drives: a policy dialog, then a sign-up form posting JSON. */
const PAGE = `<!doctype html><meta charset="utf-8"><title>Example</title>
<div id="dialog">Privacy policy <button id="agree">Agree</button> <button id="disagree">Disagree</button></div>
<form id="f" hidden><input id="phone"><input id="name"><button id="register" type="button">Register</button></form>
<p id="msg"></p>
<script>
  agree.onclick = () => { dialog.hidden = true; f.hidden = false; };
  disagree.onclick = () => { dialog.hidden = true; msg.textContent = 'Guest mode'; };
  register.onclick = async () => {
    const r = await fetch('/api/register', { method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ phone: phone.value, nickname: name.value }) });
    msg.textContent = r.ok ? 'Registered' : 'Failed';
  };
</script>`;

async function serveApp(): Promise<string> {
  server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      if (req.method === 'POST' && req.url === '/api/register') return void res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
      if (req.url === '/') return void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(PAGE);
      res.writeHead(404).end();
    });
  });
  await new Promise<void>((ok) => server!.listen(0, '127.0.0.1', ok));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
}

const npm = (args: string[], cwd: string) => execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

/** The lab's own privlab, run in the lab folder without blocking this process (it serves the page). */
async function privlab(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; out: string; err: string }> {
  const bin = join(lab, 'node_modules/.bin/privlab');
  try {
    const r = await promisify(execFile)(bin, args, { cwd: lab, env: { ...process.env, PRIVLAB_HOME: join(base, 'home'), ...env }, maxBuffer: 64 << 20 });
    return { code: 0, out: r.stdout, err: r.stderr };
  } catch (e) {
    const x = e as { code?: number; stdout?: string; stderr?: string };
    return { code: x.code ?? -1, out: x.stdout ?? '', err: x.stderr ?? String(e) };
  }
}

describe('privlab installed from a packed tarball into a lab folder', () => {
  it('packs, installs, inits a lab and runs its example scenario', { timeout: 1_200_000 }, async () => {
    const [packed] = JSON.parse(npm(['pack', '--json', '--pack-destination', base], ROOT)) as Array<{ filename: string; files: Array<{ path: string }> }>;
    const shipped = packed!.files.map((f) => f.path);
    expect(shipped).toContain('dist/src/index.d.ts');
    expect(shipped).toContain('dist/src/cli/main.js');
    expect(shipped).toContain('templates/lab/gitignore');
    expect(shipped.filter((p) => p.startsWith('src/') || p.startsWith('test/') || p === 'dist/.tsbuildinfo')).toEqual([]);

    mkdirSync(lab);
    npm(['install', '--prefer-offline', '--no-audit', '--no-fund', join(base, packed!.filename)], lab);
    const init = await privlab(['init']);
    expect(init.code, init.err).toBe(0);
    expect(init.out).toContain('wrote scenarios/example/scenario.ts');
    const pkg = JSON.parse(readFileSync(join(lab, 'package.json'), 'utf8'));
    expect(pkg.dependencies.privlab).toMatch(/^file:/); // what npm install wrote is kept
    expect(pkg.type).toBe('module');

    // The scenario type-checks against the installed package's declarations.
    const tsc = join(ROOT, 'node_modules/typescript/bin/tsc');
    execFileSync(process.execPath, [tsc, '--noEmit', '--strict', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022',
      '--typeRoots', join(ROOT, 'node_modules/@types'), '--types', 'node', 'scenarios/example/scenario.ts'], { cwd: lab, stdio: 'pipe' });

    const url = await serveApp();
    const run = await privlab(['run', 'scenarios/example/scenario.ts', '--variants', 'accept-all,refuse-policy', '--no-pdf'], { APP_URL: url });
    expect(run.code, run.out + run.err).toBe(0);
    const runDir = /run directory:\s+(\S+)/.exec(run.out + run.err)?.[1];
    expect(runDir, run.out).toBeTruthy();
    expect(runDir!.startsWith(join(lab, 'reports/runs'))).toBe(true);
    const info = JSON.parse(readFileSync(join(runDir!, 'run.json'), 'utf8'));
    const register = (variant: string) => info.outcomes.find((o: { phase: string; variant: string }) => o.phase === 'register' && o.variant === variant)?.status;
    expect(register('accept-all')).toBe('completed');
    expect(register('refuse-policy')).toBe('blocked'); // the page offers no sign-up without the policy
    const observations = readFileSync(join(runDir!, 'observations.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(observations.some((o) => o.piType === 'phone_number' && o.value === '13800000000' && o.party.kind === 'first')).toBe(true);
    expect(existsSync(join(runDir!, 'allure-report/index.html'))).toBe(true);
    expect(existsSync(join(runDir!, 'traces/accept-all.zip'))).toBe(true);
  });
});
