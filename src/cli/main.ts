// The `privlab` command: each subcommand lives in src/cli/commands/<name>.ts and registers itself here.

import { Command } from 'commander';
import { EXIT_CODE_MEANINGS } from '../core/exit-codes.ts';
import { PRIVLAB_VERSION } from '../core/version.ts';
import { register as analyze } from './commands/analyze.ts';
import { register as batch } from './commands/batch.ts';
import { register as capture } from './commands/capture.ts';
import { register as categories } from './commands/categories.ts';
import { register as demo } from './commands/demo.ts';
import { register as diff } from './commands/diff.ts';
import { register as doctor } from './commands/doctor.ts';
import { register as exportHar } from './commands/export-har.ts';
import { register as init } from './commands/init.ts';
import { register as inspect } from './commands/inspect.ts';
import { register as keys } from './commands/keys.ts';
import { register as mark } from './commands/mark.ts';
import { register as report } from './commands/report.ts';
import { register as run } from './commands/run.ts';
import { register as summarize } from './commands/summarize.ts';
import { register as verify } from './commands/verify.ts';
import { register as worker } from './commands/worker.ts';
import { reportCliError } from './errors.ts';

// Run directories hold personal information: everything privlab and its children (Allure's java,
// Chromium, mitmdump) write is owner-only.
process.umask(0o077);

const program = new Command();
program
  .name('privlab')
  .description(
    'Dynamic testing of apps\' personal-information practices: drive account flows (register, login, verify, delete), ' +
      'capture their traffic through an intercepting proxy, find personal information and faces in it, and hold it ' +
      'against the necessity baseline of the app\'s category (国信办秘字〔2021〕14号). Writes Allure, findings.json and a lab report.',
  )
  .version(PRIVLAB_VERSION)
  .showHelpAfterError('(run with --help for usage)')
  // commander throws instead of exiting, so a usage error gets the same exit code as any bad input
  .exitOverride()
  .addHelpText('after', `\nExit codes:\n${EXIT_CODE_MEANINGS.map((r) => `  ${String(r.code).padEnd(4)}${r.meaning}`).join('\n')}`)
  // The lab's TrackerDB named in privlab.config.yaml is read wherever the catalogs load (not for --help).
  .hook('preAction', async () => (await import('./user-config.ts')).applyTrackerDbSetting());

const commands: Array<(p: Command) => void> = [init, run, demo, report, capture, mark, analyze, inspect, categories, verify, keys, exportHar, diff, batch, worker, summarize, doctor];
for (const register of commands) register(program);

try {
  await program.parseAsync(process.argv);
} catch (e) {
  process.exitCode = reportCliError(e);
}
