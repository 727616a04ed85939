// One batch entry, in a process of its own (so each run owns its ports, browser and memory, and a crash
// takes down only itself): capture it (run the scenario or import the HAR) unless that already finished,
// then analyse and report. Exit 0 once findings.json is written. Started by run-item.ts.

import { mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { EXIT } from '../../core/exit-codes.ts';
import { loadUserConfig } from '../user-config.ts';
import type { BatchEntry, RunSettings } from './plan.ts';
import { runDirOf, runState, setAside } from './run-store.ts';

export interface ItemJob {
  entry: BatchEntry;
  store: string;
  settings: RunSettings;
}

// Dies with its parent: a killed batch or worker must not leave a run writing into the store.
if (process.send) process.on('disconnect', () => process.exit(EXIT.interrupted));

const job = JSON.parse(process.argv[2] ?? '{}') as ItemJob;
const runDir = runDirOf(job.store, job.entry.name);
const say = (l: string): void => void process.stderr.write(`${l}\n`);

try {
  const state = runState(runDir);
  if (state === 'finished') {
    say(`${runDir}: already finished`);
    process.exit(EXIT.ok);
  }
  if (state === 'partial') say(`${runDir}: an unfinished attempt, moved to ${setAside(job.store, job.entry.name)}`);
  if (state !== 'captured') await capture(job, runDir);
  const { buildReports } = await import('../pipeline.ts');
  const result = await buildReports(runDir, { pdf: job.settings.pdf, lang: job.settings.lang, onProgress: (l) => say(`· ${l}`) });
  say(`findings: ${result.findings.findings.length}; ${result.findingsPath}`);
  process.exit(EXIT.ok);
} catch (e) {
  say(`privlab batch: ${job.entry.name}: ${(e as Error).message}`);
  if (process.env.PRIVLAB_DEBUG) say((e as Error).stack ?? '');
  process.exit(EXIT.failure);
}

async function capture({ entry, settings, store }: ItemJob, dir: string): Promise<void> {
  if (entry.kind === 'scenario') {
    const { runScenario } = await import('../../runner/run-scenario.ts');
    await runScenario({
      scenarioFile: entry.scenario,
      outRoot: store,
      outDir: dir,
      variants: entry.variants,
      engine: settings.capture,
      driver: settings.driver,
      // Each machine's own privlab.config.yaml names its Appium server, grid or device hub.
      appium: loadUserConfig().appium,
      headless: true,
      onProgress: (l) => say(`· ${l}`),
    });
    return;
  }
  // A HAR import names its own directory; it is made in a staging folder and moved into place whole.
  const { importHar } = await import('../../evidence/har-import.ts');
  const staging = join(store, '.staging', `${entry.name}-${process.pid}`);
  mkdirSync(staging, { recursive: true });
  const imported = await importHar(entry.har, staging, { category: entry.category, firstParty: entry.firstParty, targetName: entry.name });
  for (const w of imported.warnings) say(`warning: ${w}`);
  renameSync(imported.runDir, dir);
  rmSync(staging, { recursive: true, force: true });
  say(`imported ${imported.flows} flows from ${entry.har}`);
}
