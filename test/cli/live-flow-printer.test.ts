// The live capture's lines: what a flow line shows, that lines keep the order of the flows even when
// analysis finishes out of order, and the phase summary.

import { describe, expect, it } from 'vitest';
import type { LiveFlowFacts } from '../../src/analysis/live-flow.ts';
import { LiveFlowPrinter, flowLine } from '../../src/cli/live-flow-printer.ts';
import type { Flow } from '../../src/core/flow.ts';
import type { Party } from '../../src/core/observation.ts';

const FIRST: Party = { kind: 'first', host: 'api.app.test', domain: 'app.test' };
const FACE: Party = { kind: 'third', host: 'api.facecloud.test', domain: 'facecloud.test', organisation: 'FaceCloud Ltd' };

function flow(id: string, url: string, extra: Partial<Flow> = {}): Flow {
  return {
    id, time: '2026-12-02T06:01:02.345Z', phase: 'verify', variant: 'accept-all', client: 'app', engine: 'embedded',
    request: { method: 'POST', url, headers: [], body: { sha256: 'a', size: 2048 } },
    response: { status: 200, headers: [], body: { sha256: 'b', size: 12 } },
    ...extra,
  };
}

describe('live flow lines', () => {
  it('show time, phase, method, status, host and path, bytes, party and the PI sent', () => {
    const line = flowLine(flow('f1', 'https://api.facecloud.test/v2/liveness?app=1'), { party: FACE, sent: ['face_image', 'id_number'] });
    expect(line).toBe('06:01:02  verify    POST    200  api.facecloud.test/v2/liveness?app=1  ↑2.0 kB ↓12 B  third: FaceCloud Ltd  PI face_image, id_number');
    const long = flowLine(flow('f2', `https://api.app.test/${'x'.repeat(80)}`, { response: undefined, error: 'ECONNRESET' }), { party: FIRST, sent: [] });
    expect(long).toMatch(/ ERR  api\.app\.test\/x{46}…  ↑2\.0 kB ↓0 B  first  no PI$/);
  });

  it('keep the order of the flows and end a phase with its summary', async () => {
    const lines: string[] = [];
    const printer = new LiveFlowPrinter((l) => lines.push(l));
    const facts: Record<string, LiveFlowFacts> = {
      slow: { party: FIRST, sent: ['phone_number'] },
      fast: { party: FACE, sent: ['face_image', 'phone_number'] },
      probe: { party: { kind: 'harness', host: 'update.googleapis.com', domain: 'googleapis.com' }, sent: [] },
    };
    printer.flow(flow('slow', 'https://api.app.test/register'));
    printer.flow(flow('fast', 'https://api.facecloud.test/upload'));
    printer.flow(flow('probe', 'https://update.googleapis.com/check'));
    printer.phaseEnded({ phase: 'verify', variant: 'accept-all', status: 'completed' });
    printer.attach((f) => new Promise((r) => setTimeout(() => r(facts[f.id]!), f.id === 'slow' ? 30 : 1)));
    await printer.idle();
    expect(lines).toHaveLength(3); // the browser's own probe is not the app's traffic
    expect(lines[0]).toContain('/register');
    expect(lines[1]).toContain('/upload');
    expect(lines[2]).toBe('── verify completed: 2 flows to 2 hosts; PI sent: face_image → third: FaceCloud Ltd (1 flow); phone_number → first (1 flow), third: FaceCloud Ltd (1 flow)');
  });
});
