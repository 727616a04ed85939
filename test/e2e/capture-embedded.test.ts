import { describe, expect, it } from 'vitest';
import { createEmbeddedEngine } from '../../src/capture/embedded.ts';
import { APP_HOST, REGISTRATION, captureSamplePage } from '../capture/chromium-capture.ts';

describe('embedded capture through real Chromium', () => {
  it('records the https page, its JSON POST and the browser\'s own traffic', async () => {
    const result = await captureSamplePage((opts, ca) => createEmbeddedEngine(opts, ca));
    // The page loaded over https with only the SPKI pin trusted, and the POST came back.
    expect(result.pageText).toBe('registered u-42');

    const page = result.flows.find((f) => f.request.url === `https://${APP_HOST}/`);
    expect(page?.response?.status).toBe(200);
    expect(page).toMatchObject({ engine: 'embedded', client: 'app', phase: 'register', variant: 'accept-all' });

    const post = result.flows.find((f) => f.request.url === `https://${APP_HOST}/api/register`);
    expect(post?.request.method).toBe('POST');
    expect(JSON.parse(result.body(post!, 'request'))).toEqual(REGISTRATION);
    expect(JSON.parse(result.body(post!, 'response'))).toMatchObject({ id: 'u-42' });
    expect(post?.response?.status).toBe(201);
    expect([post?.phase, post?.variant]).toEqual(['register', 'accept-all']);

    const update = result.flows.find((f) => f.request.url.startsWith('https://update.googleapis.com/'));
    expect(update?.client).toBe('harness');
    expect(update?.clientReason).toMatch(/update\.googleapis\.com/);
    expect(result.flows.filter((f) => f.client === 'app').every((f) => new URL(f.request.url).hostname === APP_HOST)).toBe(true);
  });
});
