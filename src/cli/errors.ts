// One-line errors for the user: name the file and the problem, say what to do next.

import { EXIT } from '../core/exit-codes.ts';
import { InputError } from '../core/errors.ts';

/** A wrong option or argument of the command line; the message is fit for the user as it is. */
export class UserError extends InputError {}

/** Prints the error as one line and gives the exit code: InputError's, another error's own, else EXIT.failure. */
export function reportCliError(e: unknown): number {
  const err = e as Error & { exitCode?: number };
  if (err && typeof err === 'object' && 'code' in err && String((err as { code: unknown }).code).startsWith('commander.')) {
    // commander has printed its own message; its usage errors are bad input too
    return err.exitCode === 0 ? EXIT.ok : EXIT.input;
  }
  const msg = err?.message ?? String(e);
  process.stderr.write(`privlab: ${msg.split('\n')[0]}\n`);
  if (process.env.PRIVLAB_DEBUG && err?.stack) process.stderr.write(err.stack + '\n');
  if (e instanceof InputError) return EXIT.input;
  return typeof err?.exitCode === 'number' ? err.exitCode : EXIT.failure;
}
