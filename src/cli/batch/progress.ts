// The batch's progress line: done, running, failed, and the time left estimated from the runs finished so far.

export class BatchProgress {
  private done = 0;
  private skipped = 0;
  private failed = 0;
  private running = 0;
  private readonly durations: number[] = [];

  constructor(
    private readonly total: number,
    private readonly parallel: number,
  ) {}

  skip(): void {
    this.skipped += 1;
  }
  start(): void {
    this.running += 1;
  }
  finish(ok: boolean, ms: number): void {
    this.running -= 1;
    if (ok) this.done += 1;
    else this.failed += 1;
    this.durations.push(ms);
  }

  get failures(): number {
    return this.failed;
  }

  line(): string {
    const finished = this.done + this.skipped;
    const left = this.total - finished - this.failed;
    return `batch: ${finished}/${this.total} done${this.skipped ? ` (${this.skipped} already before)` : ''}, ${this.running} running, ${this.failed} failed${left ? `, ${this.eta(left)}` : ''}`;
  }

  private eta(left: number): string {
    if (!this.durations.length) return 'time left unknown until a run ends';
    const mean = this.durations.reduce((a, b) => a + b, 0) / this.durations.length;
    return `about ${formatDuration((Math.ceil(left / this.parallel) * mean))} left`;
  }
}

export function formatDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  return m < 60 ? `${m}m${String(s % 60).padStart(2, '0')}s` : `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}
