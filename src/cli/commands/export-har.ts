// `privlab export-har <run-dir>`: the run's traffic as a HAR 1.2 file for other tools.

import type { Command } from 'commander';
import { basename, resolve } from 'node:path';
import { isPhase, isVariant, PHASES, VARIANTS, type PhaseName, type VariantName } from '../../core/phase.ts';
import { exportHar } from '../../evidence/har-export.ts';
import { RunDirError } from '../../evidence/run-reader.ts';
import { UserError } from '../errors.ts';

export function register(program: Command): void {
  program
    .command('export-har')
    .description(
      'Write the flows of a run directory as a HAR 1.2 file (Chrome devtools, Charles, HTTP Toolkit and others open it). ' +
        'Compressed bodies are decoded into text (up to 64 MiB each); binary bodies are base64. privlab\'s own fields ' +
        '(flow id, phase, variant, client, evidence hashes) go under "_privlab", so importing the file restores them.',
    )
    .argument('<run-dir>', 'the run directory (holding run.json and flows.jsonl)')
    .option('--phase <phase>', `only flows of this phase: ${PHASES.join(', ')}`)
    .option('--variant <variant>', `only flows of this variant: ${VARIANTS.join(', ')}`)
    .option('-o, --out <file>', 'HAR file to write (default: <run-id>[.<variant>][.<phase>].har in the current folder)')
    .action(async (runDir: string, opts: { phase?: string; variant?: string; out?: string }) => {
      if (opts.phase && !isPhase(opts.phase)) throw new UserError(`--phase ${opts.phase}: unknown phase; use one of ${PHASES.join(', ')}`);
      if (opts.variant && !isVariant(opts.variant)) {
        throw new UserError(`--variant ${opts.variant}: unknown variant; use one of ${VARIANTS.join(', ')}`);
      }
      const phase = opts.phase as PhaseName | undefined;
      const variant = opts.variant as VariantName | undefined;
      const out = opts.out ?? `${[basename(resolve(runDir)), variant, phase].filter(Boolean).join('.')}.har`;
      try {
        await exportHar(runDir, { phase, variant, out });
      } catch (e) {
        if (e instanceof RunDirError) throw new UserError(`${e.message}. Give the path of a run directory.`);
        if ((e as NodeJS.ErrnoException).code === 'ENOENT' || (e as NodeJS.ErrnoException).code === 'EACCES') {
          throw new UserError(`${out}: cannot be written (${(e as Error).message}). Check the folder exists and is writable.`);
        }
        throw e;
      }
      process.stdout.write(`wrote ${out}\n`);
    });
}
