// A batch whose runs all finish, but one with a phase that ended in a harness error: the batch exits 5 (those
// phases have no verdict), not 0, and its summary line says so. The error comes in a privlab HAR export's
// phase outcomes, so no browser is needed.

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXIT } from '../../src/core/exit-codes.ts';
import type { PhaseOutcome } from '../../src/core/phase.ts';
import { ROOT, startCli } from '../batch/cli-process.ts';

function harWith(outcomes: PhaseOutcome[]): string {
  const har = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/har/chrome.har'), 'utf8')) as { log: Record<string, unknown> };
  har.log._privlab = { outcomes };
  return JSON.stringify(har);
}

async function batchOf(hars: Record<string, string>): Promise<{ code: number | null; out: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'privlab-batch-err-'));
  const runs: string[] = [];
  for (const [name, text] of Object.entries(hars)) {
    writeFileSync(join(dir, `${name}.har`), text);
    runs.push(`  - har: ${name}.har`, '    category: marriage_dating');
  }
  writeFileSync(join(dir, 'plan.yaml'), ['out: store', 'parallel: 1', 'pdf: false', 'runs:', ...runs, ''].join('\n'));
  const p = startCli(['batch', join(dir, 'plan.yaml')]);
  return { code: await p.exited, out: p.output() };
}

describe('privlab batch exit code', () => {
  it('exits 5 when a finished run has a phase that ended in a harness error', async () => {
    const r = await batchOf({
      clean: harWith([{ phase: 'register', variant: 'accept-all', status: 'completed' }]),
      broken: harWith([
        { phase: 'register', variant: 'accept-all', status: 'completed' },
        { phase: 'login', variant: 'accept-all', status: 'error', message: 'locator.fill: Error: Input of type "file" cannot be filled' },
      ]),
    });
    expect(r.out).toMatch(/broken\s+done.*1 phase\(s\) ended in a harness error/);
    expect(r.code, r.out).toBe(EXIT.harnessError);
  }, 300_000);

  it('exits 0 when every phase of every run has a verdict', async () => {
    const r = await batchOf({ clean: harWith([{ phase: 'register', variant: 'accept-all', status: 'completed' }]) });
    expect(r.code, r.out).toBe(EXIT.ok);
  }, 300_000);
});
