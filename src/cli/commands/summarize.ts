// `privlab summarize <runs...>`: the table across runs, from run directories alone.

import { resolve } from 'node:path';
import type { Command } from 'commander';

export function register(program: Command): void {
  program
    .command('summarize')
    .description(
      'Summarise many runs from their run directories alone: per app and per category, PI types beyond the baseline, ' +
        'biometric uploads and their receivers, third parties by organisation, face-only, forced-consent and cancellation ' +
        'results. Writes summary.json (schema config/schema/summary.schema.json), apps.csv, categories.csv, summary.html ' +
        '(figures as inline SVG) and runs.sqlite (every run, outcome, finding and observation; tables in docs/batch.md).',
    )
    .argument('<runs...>', 'run directories, or folders of them (a batch run store)')
    .option('-o, --out <dir>', 'where to write (default: <the one folder given>/summary, else reports/summary)')
    .option('--no-html', 'skip the HTML page (the figures are the slow part for thousands of runs)')
    .action(async (inputs: string[], f: { out?: string; html: boolean }) => {
      const { summarize } = await import('../../report/summary/summarize.ts');
      const out = resolve(f.out ?? (inputs.length === 1 ? `${inputs[0]}/summary` : 'reports/summary'));
      const r = await summarize(inputs, out, { html: f.html });
      console.log(`${r.runs} runs summarised in ${(r.timings.total / 1000).toFixed(2)} s`);
      for (const [k, file] of Object.entries(r.files)) if (k !== 'html' || f.html) console.log(`${k.padEnd(14)} ${file}`);
    });
}
