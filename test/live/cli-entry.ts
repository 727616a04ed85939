// The live-capture subcommands as a standalone program, so tests can run them as real child processes
// (`node --import tsx test/live/cli-entry.ts capture ...`) whatever src/cli/main.ts wires.

import { Command } from 'commander';
import { register as capture } from '../../src/cli/commands/capture.ts';
import { register as mark } from '../../src/cli/commands/mark.ts';
import { reportCliError } from '../../src/cli/errors.ts';

const program = new Command().name('privlab');
capture(program);
mark(program);
try {
  await program.parseAsync(process.argv);
} catch (e) {
  process.exitCode = reportCliError(e);
}
