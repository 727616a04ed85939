// One-line errors for the user: name the file and the problem, say what to do next.

/** An error whose message is already fit for the user (file: problem. what to do). */
export class UserError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
    this.name = 'UserError';
  }
}

export function reportCliError(e: unknown): number {
  const err = e as Error & { exitCode?: number; file?: string };
  if (err && typeof err === 'object' && 'code' in err && String((err as { code: unknown }).code).startsWith('commander.')) {
    return err.exitCode ?? 2;
  }
  const msg = err?.message ?? String(e);
  process.stderr.write(`privlab: ${msg.split('\n')[0]}\n`);
  if (process.env.PRIVLAB_DEBUG && err?.stack) process.stderr.write(err.stack + '\n');
  return typeof err?.exitCode === 'number' ? err.exitCode : 1;
}
