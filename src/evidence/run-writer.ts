// Writes a run directory as things happen: every line is appended and flushed at once, so a crash
// loses nothing already seen. Bodies and screenshots are content-addressed. Everything is written
// owner-only (folders 0700, files 0600): a run holds personal information.

import { createHash } from 'node:crypto';
import { chmodSync, closeSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, renameSync, writeFileSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { InputGap, InputGaps } from '../core/evidence-record.ts';
import type { BodyRef, Flow } from '../core/flow.ts';
import type { RunInfo } from '../core/run.ts';
import type { TimelineEvent, TimelineEventInput } from '../core/timeline.ts';
import { RUN_FILES } from './run-layout.ts';
import { RunDirError } from './run-reader.ts';

const DIR_MODE = 0o700;
const FILE_MODE = 0o600;
/** run.json lists this many gaps; the counts go on beyond. */
const MAX_GAPS_LISTED = 1000;

export class RunWriter {
  private flowsFd: number;
  private timelineFd: number;
  private seq = 0;
  private flowSeq = 0;
  private closed = false;
  private readonly gaps: InputGaps = { skipped: 0, cut: 0, items: [] };

  /**
   * A writer for a run directory that does not exist yet (or is empty): evidence is never appended to an
   * earlier run, whose manifest would then sign a mix of two runs.
   */
  static createNew(dir: string): RunWriter {
    mkdirSync(dirname(dir), { recursive: true });
    try {
      mkdirSync(dir, DIR_MODE);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      if (readdirSync(dir).length > 0) {
        throw new RunDirError(dir, 'already exists and is not empty: privlab never writes into an existing run; give a new --out, or leave it out for a fresh folder');
      }
    }
    return new RunWriter(dir);
  }

  /** A fresh run directory <root>/<id>, or <id>-2, -3... when another run took that name in the same instant. */
  static createUnique(root: string, id: string): RunWriter {
    mkdirSync(root, { recursive: true });
    for (let n = 1; ; n += 1) {
      const dir = join(root, n === 1 ? id : `${id}-${n}`);
      try {
        mkdirSync(dir, DIR_MODE);
        return new RunWriter(dir);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      }
    }
  }

  constructor(readonly dir: string) {
    mkdirSync(join(dir, RUN_FILES.bodies), { recursive: true, mode: DIR_MODE });
    mkdirSync(join(dir, RUN_FILES.screenshots), { recursive: true, mode: DIR_MODE });
    // mkdir's mode is filtered by the umask and ignored for folders that exist.
    for (const d of [dir, join(dir, RUN_FILES.bodies), join(dir, RUN_FILES.screenshots)]) chmodSync(d, DIR_MODE);
    this.flowsFd = openSync(join(dir, RUN_FILES.flows), 'a', FILE_MODE);
    this.timelineFd = openSync(join(dir, RUN_FILES.timeline), 'a', FILE_MODE);
  }

  /** run.json is rewritten whole (atomically) whenever it changes: it is small. It carries the gaps seen so far. */
  writeRunInfo(info: RunInfo): void {
    const tmp = join(this.dir, `${RUN_FILES.run}.tmp`);
    const full = this.gaps.skipped + this.gaps.cut ? { ...info, inputGaps: this.gaps } : info;
    writeFileSync(tmp, JSON.stringify(full, null, 2) + '\n', { mode: FILE_MODE });
    renameSync(tmp, join(this.dir, RUN_FILES.run));
  }

  nextFlowId(): string {
    this.flowSeq += 1;
    return `f${String(this.flowSeq).padStart(6, '0')}`;
  }

  appendFlow(flow: Flow): void {
    this.appendLine(this.flowsFd, flow);
    for (const [which, body] of [['request', flow.request.body], ['response', flow.response?.body]] as const) {
      if (body?.truncated) this.recordGap({ kind: 'cut', where: flow.id, reason: `${which} body over the capture limit: only its first ${body.size} bytes were kept` });
    }
  }

  /** Input not kept whole (a skipped HAR entry, a cut body): recorded in run.json at its next write. */
  recordGap(gap: InputGap): void {
    this.gaps[gap.kind] += 1;
    if (this.gaps.items.length < MAX_GAPS_LISTED) this.gaps.items.push(gap);
  }

  appendTimeline(event: TimelineEventInput): TimelineEvent {
    this.seq += 1;
    const full = { seq: this.seq, time: new Date().toISOString(), ...event } as TimelineEvent;
    this.appendLine(this.timelineFd, full);
    return full;
  }

  /** Stores a body under bodies/<sha256>; identical bodies are stored once. */
  putBody(bytes: Buffer, meta: Omit<BodyRef, 'sha256' | 'size'> = {}): BodyRef {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const path = join(this.dir, RUN_FILES.bodies, sha256);
    if (!existsSync(path)) writeFileSync(path, bytes, { mode: FILE_MODE });
    return { sha256, size: bytes.length, ...stripUndefined(meta) };
  }

  /** Stores a PNG under screenshots/<sha256>.png and returns its relative path. */
  putScreenshot(png: Buffer): string {
    const sha256 = createHash('sha256').update(png).digest('hex');
    const rel = `${RUN_FILES.screenshots}/${sha256}.png`;
    const path = join(this.dir, rel);
    if (!existsSync(path)) writeFileSync(path, png, { mode: FILE_MODE });
    return rel;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    closeSync(this.flowsFd);
    closeSync(this.timelineFd);
  }

  private appendLine(fd: number, value: unknown): void {
    if (this.closed) throw new Error(`run directory ${this.dir} is closed`);
    writeSync(fd, JSON.stringify(value) + '\n');
    // fsync per line would cost ~ms on disk; writeSync already hands the line to the kernel,
    // which survives a SIGKILL of this process. fsync only at close.
  }

  sync(): void {
    fsyncSync(this.flowsFd);
    fsyncSync(this.timelineFd);
  }
}

function stripUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
