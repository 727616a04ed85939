// A RunWriter in a temp dir and a reader for what the engine wrote there.

import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BodyRef, Flow } from '../../src/core/flow.ts';
import { RUN_FILES } from '../../src/evidence/run-layout.ts';
import { RunWriter } from '../../src/evidence/run-writer.ts';

export function tempRun(): { dir: string; writer: RunWriter; flows(): Flow[]; flowFor(url: string): Promise<Flow>; body(ref: BodyRef | undefined): Buffer } {
  const dir = mkdtempSync(join(tmpdir(), 'privlab-run-'));
  const writer = new RunWriter(dir);
  const flows = (): Flow[] =>
    readFileSync(join(dir, RUN_FILES.flows), 'utf8')
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l) as Flow);
  return {
    dir,
    writer,
    flows,
    // Engines write a flow when its exchange completes, which may be just after the client sees the end.
    flowFor: async (url) => {
      for (let i = 0; i < 100; i++) {
        const f = flows().find((x) => x.request.url === url);
        if (f) return f;
        await new Promise((r) => setTimeout(r, 20));
      }
      throw new Error(`no flow recorded for ${url}`);
    },
    body: (ref) => {
      if (!ref) throw new Error('no body reference on the flow');
      return readFileSync(join(dir, RUN_FILES.bodies, ref.sha256));
    },
  };
}
