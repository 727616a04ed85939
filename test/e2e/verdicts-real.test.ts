// Issue 11 on real parts: real Chromium, the real proxy, the real CLI. A scenario's mistake is a harness
// error (exit 5, Allure broken with the stack), and a killed run of the control app accuses nobody.
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { RunInfo } from '../../src/core/run.ts';
import type { FindingsFile } from '../../src/core/rule.ts';
import type { TimelineEvent } from '../../src/core/timeline.ts';
import { killGroup, poll, runChild, startChild, type Child } from '../live/child.ts';

const BIN = new URL('../../bin/privlab.mjs', import.meta.url).pathname;
const SCENARIO = new URL('../fixtures/scenarios/harness-error.ts', import.meta.url).pathname;
let run: Child | undefined;
afterAll(() => {
  if (run) killGroup(run.proc);
});

describe('verdicts on real parts', () => {
  it('filling a file input is a harness error: exit 5, phase error, Allure broken with the stack, no finding', async () => {
    const root = mkdtempSync(join(tmpdir(), 'privlab-harness-error-'));
    const runDir = join(root, 'run');
    const r = await runChild(BIN, ['run', SCENARIO, '--out', runDir, '--variants', 'accept-all,refuse-optional', '--no-pdf'], { PRIVLAB_HOME: join(root, 'home') });
    expect(r.code, r.err).toBe(5);
    expect(r.out).toMatch(/ERROR accept-all register: .*file/i);
    const info = JSON.parse(readFileSync(join(runDir, 'run.json'), 'utf8')) as RunInfo;
    const register = info.outcomes.find((o) => o.phase === 'register' && o.variant === 'accept-all')!;
    expect(register.status).toBe('error');
    expect(register.stack).toBeTruthy();
    const findings = JSON.parse(readFileSync(join(runDir, 'findings.json'), 'utf8')) as FindingsFile;
    expect(findings.findings).toEqual([]);
    const results = readdirSync(join(runDir, 'allure-results')).filter((f) => f.endsWith('-result.json'));
    const broken = results.map((f) => JSON.parse(readFileSync(join(runDir, 'allure-results', f), 'utf8'))).filter((x) => x.status === 'broken');
    expect(broken).toHaveLength(2);
    expect(broken[0].statusDetails.message).toMatch(/file/i);
    expect(broken[0].statusDetails.trace).toMatch(/at /);
  });

  it('the control app killed mid-run carries no finding: unfinished and unreached phases are not tested', async () => {
    const root = mkdtempSync(join(tmpdir(), 'privlab-kill-control-'));
    const runDir = join(root, 'run');
    const env = { PRIVLAB_HOME: join(root, 'home') };
    run = startChild(BIN, ['run', 'scenarios/demo/linyu/scenario.ts', '--out', runDir, '--variants', 'accept-all', '--no-report'], env);
    const timeline = join(runDir, 'timeline.jsonl');
    const events = () => (existsSync(timeline) ? readFileSync(timeline, 'utf8').split('\n').filter((l) => l.endsWith('}')).map((l) => JSON.parse(l) as TimelineEvent) : []);
    // Killed once login has started: register is evidence, the rest never ends.
    await poll(() => events().some((e) => e.type === 'phase-start' && e.phase === 'login'), 120_000, () => `login never started:\n${run!.err()}`, 50);
    killGroup(run.proc, 'SIGKILL');
    await run.exited;
    const report = await runChild(BIN, ['report', runDir, '--no-pdf'], env);
    expect(report.code, report.err).toBe(0);
    const findings = JSON.parse(readFileSync(join(runDir, 'findings.json'), 'utf8')) as FindingsFile;
    expect(findings.complete).toBe(false);
    expect(findings.findings).toEqual([]);
    const cancellation = findings.evaluations.find((e) => e.ruleId === 'cancellation-missing');
    expect(cancellation).toMatchObject({ status: 'not-applicable', reason: expect.stringContaining('not tested') });
  });
});
