// Runs one registered subcommand in-process and captures what it prints and its exit code.

import { Command } from 'commander';
import { vi } from 'vitest';
import { reportCliError } from '../../src/cli/errors.ts';

export async function runCli(register: (p: Command) => void, args: string[]): Promise<{ out: string; err: string; code: number }> {
  const program = new Command().exitOverride();
  register(program);
  let out = '';
  let err = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true));
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((err += String(s)), true));
  process.exitCode = 0;
  let code: number;
  try {
    await program.parseAsync(args, { from: 'user' });
    code = Number(process.exitCode ?? 0);
  } catch (x) {
    code = reportCliError(x);
  } finally {
    o.mockRestore();
    e.mockRestore();
    process.exitCode = 0;
  }
  return { out, err, code };
}
