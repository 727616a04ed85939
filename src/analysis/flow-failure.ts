// A flow whose analysis threw: which detector or decoder failed, found from the error's stack (the
// innermost analysis source file), so one hostile flow is named and skipped and the run goes on.

export interface FlowFailure {
  flowId: string;
  /** e.g. "decode/jwt.ts (tryJwtPayload)"; "unknown" when the stack names no analysis file. */
  detector: string;
  error: string;
}

/** The files that run detectors, not detectors themselves (the pool runs media inspection for its workers). */
const HARNESS_FILES = new Set(['analyze-run.ts', 'analyze-flow.ts', 'flow-pool.ts', 'flow-worker.ts']);
const ANALYSIS_FRAME = /at (?:(\S+) \()?[^()\s]*\/src\/analysis\/([^:()\s]+\.ts):\d+/;

export function flowFailure(flowId: string, e: unknown): FlowFailure {
  const err = e instanceof Error ? e : new Error(String(e));
  const frame = (err.stack ?? '')
    .split('\n')
    .map((l) => ANALYSIS_FRAME.exec(l))
    .find((m) => m && !HARNESS_FILES.has(m[2]!));
  const detector = frame ? `${frame[2]}${frame[1] ? ` (${frame[1]})` : ''}` : 'unknown';
  return { flowId, detector, error: `${err.name}: ${err.message.split('\n')[0]}` };
}

export function failureNote(f: FlowFailure): string {
  return `not fully analysed: ${f.detector} failed (${f.error}); the rest of the run was analysed`;
}
