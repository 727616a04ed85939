// Reads a run directory back, line by line, so analysis never holds a whole capture in memory.

import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Flow } from '../core/flow.ts';
import { InputError } from '../core/errors.ts';
import type { RunInfo } from '../core/run.ts';
import type { TimelineEvent } from '../core/timeline.ts';
import { RUN_FILES } from './run-layout.ts';

export class RunDirError extends InputError {
  constructor(
    override readonly file: string,
    message: string,
  ) {
    super(`${file}: ${message}`, file);
  }
}

export class RunReader {
  constructor(readonly dir: string) {
    if (!existsSync(dir) || !statSync(dir).isDirectory()) {
      throw new RunDirError(dir, 'not a run directory (it does not exist or is not a folder)');
    }
    if (!existsSync(join(dir, RUN_FILES.run))) {
      throw new RunDirError(join(dir, RUN_FILES.run), 'missing: this folder is not a privlab run directory');
    }
  }

  path(rel: string): string {
    return join(this.dir, rel);
  }

  info(): RunInfo {
    const file = this.path(RUN_FILES.run);
    try {
      return JSON.parse(readFileSync(file, 'utf8')) as RunInfo;
    } catch (e) {
      throw new RunDirError(file, `cannot be read as JSON (${(e as Error).message})`);
    }
  }

  flows(): AsyncGenerator<Flow> {
    return readJsonLines<Flow>(this.path(RUN_FILES.flows));
  }

  timeline(): AsyncGenerator<TimelineEvent> {
    return readJsonLines<TimelineEvent>(this.path(RUN_FILES.timeline));
  }

  async timelineArray(): Promise<TimelineEvent[]> {
    const out: TimelineEvent[] = [];
    for await (const e of this.timeline()) out.push(e);
    return out;
  }

  bodyPath(sha256: string): string {
    return this.path(join(RUN_FILES.bodies, sha256));
  }

  body(sha256: string): Buffer | undefined {
    if (!/^[0-9a-f]{64}$/.test(sha256)) return undefined;
    const p = this.bodyPath(sha256);
    return existsSync(p) ? readFileSync(p) : undefined;
  }
}

/**
 * Yields one parsed object per line. A line cut by a crash (the last, unterminated one) is skipped;
 * any other bad line is an error naming the file and line number.
 */
export async function* readJsonLines<T>(file: string): AsyncGenerator<T> {
  if (!existsSync(file)) return;
  const rl = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
  let lineNo = 0;
  let pendingError: RunDirError | undefined;
  for await (const line of rl) {
    lineNo += 1;
    if (pendingError) throw pendingError;
    if (!line.trim()) continue;
    try {
      yield JSON.parse(line) as T;
    } catch {
      // Only fatal if another line follows: a torn final line is what a SIGKILL leaves.
      pendingError = new RunDirError(file, `line ${lineNo} is not valid JSON`);
    }
  }
}
