// One base class for bad input, whichever layer finds it: a file, option or argument the user can fix.

import { EXIT } from './exit-codes.ts';

/**
 * Bad input: the message is one line that names the file (or option) and the problem, and the command
 * exits EXIT.input. Anything else thrown is privlab's own failure (EXIT.failure).
 */
export class InputError extends Error {
  readonly exitCode = EXIT.input;
  constructor(
    message: string,
    readonly file?: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}
