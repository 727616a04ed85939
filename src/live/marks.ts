// The mark channel of a live capture: `privlab mark` appends one JSON line to marks.jsonl in the run
// directory and the capture process tails that file. A file needs no port or socket, survives either
// side restarting, and is itself a record of what the tester marked and when.

import { appendFileSync, closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { PhaseName } from '../core/phase.ts';

export const MARKS_FILE = 'marks.jsonl';

export type Mark =
  | { kind: 'phase'; phase: PhaseName }
  | { kind: 'end' }
  | { kind: 'consent'; subject: string; decision: 'accept' | 'refuse' }
  | { kind: 'note'; label: string }
  | { kind: 'stop' };

/** Short forms a tester may type for a consent subject; any id of config/consent-subjects.yaml is taken as it is. */
export const CONSENT_SHORT_FORMS: Record<string, string> = {
  policy: 'privacy-policy',
  face: 'face-recognition',
};

export function appendMark(runDir: string, mark: Mark): void {
  // One write of one line: appends from several terminals do not interleave within a line.
  appendFileSync(join(runDir, MARKS_FILE), JSON.stringify({ ...mark, time: new Date().toISOString() }) + '\n');
}

/**
 * Reads lines appended to marks.jsonl since the last call. Only whole lines are consumed: a line still
 * being written waits for the next poll. Lines that are not marks are returned as errors, not thrown.
 */
export class MarkTail {
  private offset = 0;
  private partial = '';

  constructor(private readonly file: string) {
    // Marks written before this capture process started (a restart) were already applied.
    if (existsSync(file)) this.offset = statSync(file).size;
  }

  poll(): Array<Mark | { error: string }> {
    if (!existsSync(this.file)) return [];
    const size = statSync(this.file).size;
    if (size <= this.offset) return [];
    const buf = Buffer.alloc(size - this.offset);
    const fd = openSync(this.file, 'r');
    try {
      readSync(fd, buf, 0, buf.length, this.offset);
    } finally {
      closeSync(fd);
    }
    this.offset = size;
    const lines = (this.partial + buf.toString('utf8')).split('\n');
    this.partial = lines.pop() ?? '';
    return lines.filter((l) => l.trim()).map(parseMark);
  }
}

function parseMark(line: string): Mark | { error: string } {
  try {
    const m = JSON.parse(line) as Mark;
    if (m && typeof m === 'object' && typeof m.kind === 'string') return m;
  } catch {
    // fall through
  }
  return { error: `${MARKS_FILE}: ignored a line that is not a mark: ${line.slice(0, 80)}` };
}
