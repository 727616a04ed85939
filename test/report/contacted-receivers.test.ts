// A host that got no PI beyond the IP address and user agent is still listed among the receivers.

import { describe, expect, it } from 'vitest';
import { loadCatalogs } from '../../src/core/catalog-loader.ts';
import type { RunInfo } from '../../src/core/run.ts';
import { piByPhase } from '../../src/report/pi-by-phase.ts';

const run = {
  id: 'r', privlabVersion: '0', source: 'scenario', variants: ['accept-all'], engine: 'embedded', tools: {},
  target: { name: 'App', category: 'online_community', platform: 'web', firstParty: ['app.test'] },
  startedAt: '2025-01-01T00:00:00Z', complete: true, outcomes: [],
} as unknown as RunInfo;

describe('receivers in the PI summary', () => {
  it('lists contacted hosts without PI, with their phases, and not the harness', () => {
    const s = piByPhase(run, [], loadCatalogs(), [
      { party: { kind: 'third', host: 'fonts.googleapis.com', domain: 'googleapis.com', organisation: 'Google LLC', serviceKind: 'fonts' }, phases: ['login', 'nonsense'] },
      { party: { kind: 'harness', host: 'update.googleapis.com', domain: 'googleapis.com' }, phases: [] },
    ]);
    expect(s.receivers).toEqual([{ party: expect.objectContaining({ host: 'fonts.googleapis.com', organisation: 'Google LLC' }), piTypes: [], phases: ['login'] }]);
  });
});
