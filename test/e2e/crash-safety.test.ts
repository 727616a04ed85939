// A scripted run killed with SIGKILL mid-phase: `privlab report` still builds a report from what was
// captured, marks it incomplete, and loses no flow line written before the kill.

import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { FindingsFile } from '../../src/core/rule.ts';
import type { TimelineEvent } from '../../src/core/timeline.ts';
import { killGroup, poll, runChild, startChild, type Child } from '../live/child.ts';

const BIN = new URL('../../bin/privlab.mjs', import.meta.url).pathname;
let run: Child | undefined;

afterAll(() => {
  if (run) killGroup(run.proc);
});

const jsonLines = (file: string): string[] =>
  existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter((l) => l.endsWith('}')) : [];

describe('crash safety', () => {
  it('a run killed mid-phase is reported as incomplete with every flow seen before the kill', async () => {
    const root = mkdtempSync(join(tmpdir(), 'privlab-crash-'));
    const runDir = join(root, 'run');
    const env = { PRIVLAB_HOME: join(root, 'home') };
    run = startChild(BIN, ['run', 'scenarios/demo/lovelink/scenario.ts', '--out', runDir, '--variants', 'accept-all', '--no-report'], env);
    const flowsFile = join(runDir, 'flows.jsonl');
    const timelineFile = join(runDir, 'timeline.jsonl');
    const phaseStarted = () =>
      jsonLines(timelineFile).some((l) => (JSON.parse(l) as TimelineEvent).type === 'phase-start');
    await poll(() => phaseStarted() && jsonLines(flowsFile).length >= 3, 120_000, () => `run did not reach a phase with flows:\n${run!.err()}`, 50);

    // The whole group: the browser and the sample app must not outlive the kill.
    killGroup(run.proc, 'SIGKILL');
    await run.exited;
    const atKill = jsonLines(flowsFile).map((l) => (JSON.parse(l) as { id: string }).id);
    expect(atKill.length).toBeGreaterThanOrEqual(3);
    const info = JSON.parse(readFileSync(join(runDir, 'run.json'), 'utf8')) as { complete: boolean; endedAt?: string };
    expect(info.complete).toBe(false);
    expect(info.endedAt).toBeUndefined();

    const report = await runChild(BIN, ['report', runDir, '--no-pdf'], env);
    expect(report.code, report.err).toBe(0);
    expect(report.out).toContain('[run INCOMPLETE]');

    const findings = JSON.parse(readFileSync(join(runDir, 'findings.json'), 'utf8')) as FindingsFile;
    expect(findings.complete).toBe(false);
    const env1 = readFileSync(join(runDir, 'allure-results', 'environment.properties'), 'utf8');
    expect(env1).toMatch(/run\\? complete=NO/);
    const labHtml = readdirSync(join(runDir, 'lab-report')).find((f) => f.endsWith('.html'));
    expect(readFileSync(join(runDir, 'lab-report', labHtml!), 'utf8')).toContain('class="incomplete"');

    const after = new Set(jsonLines(flowsFile).map((l) => (JSON.parse(l) as { id: string }).id));
    for (const id of atKill) expect(after.has(id)).toBe(true);
    const analysis = JSON.parse(readFileSync(join(runDir, 'analysis.json'), 'utf8')) as { flows: number };
    expect(analysis.flows).toBe(after.size);
  });
});
