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
  variants: VariantName[];
  engine: CaptureEngineName;
  driver?: string;
  /** Tool, browser and device versions. */
  tools: Record<string, string>;
  /** The persona's values, used by analysis to find them in traffic; its secrets only as keyed hashes. */
  persona?: StoredPersona;
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
