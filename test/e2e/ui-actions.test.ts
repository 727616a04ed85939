// The scenario API on a real page in real Chromium, through the real proxy: select, isChecked, uncheck, upload of a
// persona image, text, press, iframe, the Playwright page behind record(), scroll, a per-action timeout,
// a confirmation mail over real SMTP read from the inbox, waitForUrl; each action in the timeline.

import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TimelineEvent } from '../../src/core/timeline.ts';
import { runScenario } from '../../src/runner/run-scenario.ts';

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

describe('scenario API for real apps', () => {
  it('does every action on a real page and records each one', async () => {
    process.env.PRIVLAB_SMTP_PORT = String(await freePort());
    process.env.PRIVLAB_HOME ??= mkdtempSync(join(tmpdir(), 'privlab-home-'));
    const file = new URL('./ui-actions/scenario.ts', import.meta.url).pathname;
    const { received, seen } = (await import(file)) as typeof import('./ui-actions/scenario.ts');
    const outDir = join(mkdtempSync(join(tmpdir(), 'privlab-ui-')), 'run');
    const { info } = await runScenario({ scenarioFile: file, outRoot: tmpdir(), outDir, variants: ['accept-all'], engine: 'embedded', driver: 'playwright' });

    const outcome = (phase: string) => info.outcomes.find((o) => o.phase === phase);
    expect(outcome('register')?.status, outcome('register')?.message).toBe('completed');
    expect(received.country).toBe('de');
    expect(received.newsletter).toBeUndefined();
    const face = readFileSync(new URL('../../scenarios/demo/assets/persona-face.png', import.meta.url));
    expect(received.upload).toEqual({ name: 'persona-face.png', sha256: createHash('sha256').update(face).digest('hex') });
    expect(received.frameCode).toBe('4242');
    expect(received.confirmed).toBe(true);
    expect(seen).toEqual({ greeting: 'Welcome, tester', code: '731904', pageTitle: '', newsletterBefore: true, newsletterAfter: false });
    // A URL that never comes blocks the phase (the app did not get there); it is not a harness error.
    expect(outcome('login')).toMatchObject({ status: 'blocked' });

    const timeline = readFileSync(join(outDir, 'timeline.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as TimelineEvent);
    const actions = timeline.flatMap((e) => (e.type === 'action' ? [`${e.action} ${e.target}${e.valueRef ? ` [${e.valueRef}]` : ''}`] : []));
    expect(actions).toEqual(
      expect.arrayContaining([
        'select #country [literal (7 chars)]',
        'isChecked #newsletter',
        'uncheck #newsletter',
        'upload #photo [persona.faceImage]',
        'text #greeting',
        'press Enter on #keys',
        'fill #pay >> #code [literal (4 chars)]',
        'tap #pay >> #ok',
        'driver read the title through Playwright',
        'scroll #bottom',
        'waitForUrl **/confirmed',
      ]),
    );
    expect(timeline.some((e) => e.type === 'action' && e.screenshot && e.action === 'upload')).toBe(true);
    expect(timeline.some((e) => e.type === 'mark' && e.label.startsWith('inbox: mail to tester@signup.test "Confirm your account", link, code'))).toBe(true);
  });
});
