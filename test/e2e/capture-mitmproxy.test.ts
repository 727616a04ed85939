import { describe, expect, it } from 'vitest';
import { createEmbeddedEngine } from '../../src/capture/embedded.ts';
import { createMitmproxyEngine } from '../../src/capture/mitmproxy.ts';
import type { Flow } from '../../src/core/flow.ts';
import { APP_HOST, REGISTRATION, captureSamplePage } from '../capture/chromium-capture.ts';

describe('mitmproxy capture through real Chromium', () => {
  it('records the same flows as the embedded engine for the same page', async () => {
    const viaMitm = await captureSamplePage((opts, ca) => createMitmproxyEngine(opts, ca));
    const viaEmbedded = await captureSamplePage((opts, ca) => createEmbeddedEngine(opts, ca));
    expect(viaMitm.pageText).toBe('registered u-42');

    // Chromium may add its own requests (favicon, probes) in either run: compare the app's exchanges.
    const summary = (r: typeof viaMitm) =>
      r.flows
        .filter((f: Flow) => new URL(f.request.url).hostname === APP_HOST && !f.request.url.endsWith('/favicon.ico'))
        .map((f: Flow) => ({
          method: f.request.method,
          url: f.request.url,
          client: f.client,
          phase: f.phase,
          status: f.response?.status,
          requestBody: f.request.body ? r.body(f, 'request') : undefined,
        }));
    expect(summary(viaMitm)).toEqual(summary(viaEmbedded));
    expect(summary(viaMitm)).toContainEqual({
      method: 'POST',
      url: `https://${APP_HOST}/api/register`,
      client: 'app',
      phase: 'register',
      status: 201,
      requestBody: JSON.stringify(REGISTRATION),
    });
    expect(viaMitm.flows.every((f) => f.engine === 'mitmproxy')).toBe(true);
    expect(viaMitm.flows.find((f) => f.request.url.startsWith('https://update.googleapis.com/'))?.client).toBe('harness');
  });
});
