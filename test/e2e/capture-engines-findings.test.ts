// The same demo scenario captured by the embedded proxy and by mitmproxy, through real Chromium,
// gives the same set of findings.

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureAnalysed } from '../../src/cli/pipeline.ts';
import type { Flow, LiveCaptureEngineName } from '../../src/core/flow.ts';
import { RunReader } from '../../src/evidence/run-reader.ts';
import { runScenario } from '../../src/runner/run-scenario.ts';

const root = mkdtempSync(join(tmpdir(), 'privlab-engines-'));
const savedHome = process.env.PRIVLAB_HOME;
beforeAll(() => {
  process.env.PRIVLAB_HOME = join(root, 'home');
});
afterAll(() => {
  if (savedHome === undefined) delete process.env.PRIVLAB_HOME;
  else process.env.PRIVLAB_HOME = savedHome;
});

async function findingIds(engine: LiveCaptureEngineName): Promise<{ ids: string[]; engines: Set<string> }> {
  const { runDir, info } = await runScenario({
    scenarioFile: 'scenarios/demo/lovelink/scenario.ts',
    outRoot: root,
    outDir: join(root, engine),
    variants: ['accept-all'],
    engine,
    driver: 'playwright',
  });
  expect(info.complete).toBe(true);
  const engines = new Set<string>();
  for await (const f of new RunReader(runDir).flows() as AsyncGenerator<Flow>) engines.add(f.engine);
  const findings = await ensureAnalysed(runDir);
  return { ids: findings.findings.map((f) => f.id).sort(), engines };
}

describe('capture engines give the same findings', () => {
  it('lovelink accept-all: embedded and mitmproxy', async () => {
    const embedded = await findingIds('embedded');
    const mitm = await findingIds('mitmproxy');
    expect([...embedded.engines]).toEqual(['embedded']);
    expect([...mitm.engines]).toEqual(['mitmproxy']);
    expect(embedded.ids.length).toBeGreaterThan(0);
    expect(mitm.ids).toEqual(embedded.ids);
  });
});
