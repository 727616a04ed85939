// run.json: what was run, with what, and whether it finished.

import type { EvidenceOverride, InputGaps, StoredPersona } from './evidence-record.ts';
import type { CaptureEngineName } from './flow.ts';
import type { PhaseOutcome, VariantName } from './phase.ts';
import type { Target } from './target.ts';

export interface RunInfo {
  /** Directory name: <timestamp>_<target> */
  id: string;
  privlabVersion: string;
  target: Target;
  /** Scenario file, relative to the working directory when run; absent for imports and live capture. */
  scenario?: string;
  source: 'scenario' | 'live' | 'har-import';
  /** An imported HAR's own run id, when it says (privlab's export): a template persona's `{run}` is that run's. */
  sourceRunId?: string;
  variants: VariantName[];
  engine: CaptureEngineName;
  driver?: string;
  /** Tool, browser and device versions. */
  tools: Record<string, string>;
  /**
   * The persona as its file gives it (a template keeps its placeholders), used by analysis to find its values
   * in traffic; its secrets only as keyed hashes.
   */
  persona?: StoredPersona;
  /**
   * Each variant's own values when the persona is a template (`{variant}`, `{run}`, `{n}`), secrets hashed:
   * what that variant registered with. Absent for a persona without placeholders and in older runs, where
   * every variant used `persona`.
   */
  personaByVariant?: Partial<Record<VariantName, StoredPersona>>;
  startedAt: string;
  endedAt?: string;
  /** False until the run ends normally; a crashed run keeps false. */
  complete: boolean;
  outcomes: PhaseOutcome[];
  /** Why the run is incomplete, when known. */
  incompleteReason?: string;
  /** Input skipped or cut while capturing or importing; absent when everything was kept whole. */
  inputGaps?: InputGaps;
  /** Reports made although the captured evidence no longer matched its signed manifest. */
  evidenceOverrides?: EvidenceOverride[];
  /** What went wrong while stopping the driver, device, proxy or app: kept, never swallowed. */
  teardownErrors?: string[];
}

/** Every persona the run's variants used: the template and each variant's expansion, or the one persona. */
export function runPersonas(info: Pick<RunInfo, 'persona' | 'personaByVariant'>): StoredPersona[] {
  return [info.persona, ...Object.values(info.personaByVariant ?? {})].filter((p): p is StoredPersona => p !== undefined);
}
