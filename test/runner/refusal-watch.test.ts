// ui.watchForRefusal: a declared refusal ends a waiting action at once (blocked there, the refusal the
// reason); the awaited element wins when both show; without a declaration actions wait as before.

import { describe, expect, it } from 'vitest';
import { StepNotReached, type Driver } from '../../src/core/driver.ts';
import type { TimelineEventInput } from '../../src/core/timeline.ts';
import { recordedUi } from '../../src/runner/recorded-ui.ts';

/** A page whose elements show from a given time on (ms after the test's start); the driver's own actions are logged. */
function page(shownFrom: Record<string, number>) {
  const t0 = performance.now();
  const calls: string[] = [];
  const visible = (s: string) => s in shownFrom && performance.now() - t0 >= shownFrom[s]!;
  const act = (action: string) => async (selector: string) => {
    calls.push(`${action} ${selector}`);
    if (!visible(selector)) throw new StepNotReached(`${action} ${selector}`, `driver timeout for ${selector}`);
  };
  const driver = { tap: act('tap'), fill: act('fill'), see: act('see'), isVisible: async (s: string) => visible(s), screenshot: async () => Buffer.from('png'), source: async () => '<html></html>' };
  const events: TimelineEventInput[] = [];
  const sink = { appendTimeline: (e: TimelineEventInput) => (events.push(e), { seq: events.length }), putScreenshot: () => 'shot.png', putBody: () => ({ sha256: 'x' }) };
  const ui = recordedUi(driver as unknown as Driver, sink, () => ({ phase: 'register', variant: 'refuse-policy' }), undefined, { name: 'n', phone: '1', idNumber: '1', password: 'p' });
  return { ui, calls, events };
}

describe('ui.watchForRefusal', () => {
  it('blocks a tap at once when the declared refusal shows and the element does not', async () => {
    const { ui, calls, events } = page({ 游客模式: 0 });
    ui.watchForRefusal('游客模式');
    const started = performance.now();
    const e = await ui.tap('#go-register').catch((x: unknown) => x);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(e).toBeInstanceOf(StepNotReached);
    expect((e as StepNotReached).step).toBe('tap #go-register');
    expect((e as Error).message).toBe('the app showed "游客模式" instead of "#go-register"');
    // The driver's tap never ran; the failed action is in the timeline as any blocked action is.
    expect(calls).toEqual([]);
    expect(events.at(-1)).toMatchObject({ type: 'action', action: 'tap', target: '#go-register', ok: false });
  });

  it('blocks a see when the refusal appears while it waits', async () => {
    const { ui } = page({ 请完善资料后继续: 300 });
    ui.watchForRefusal('请完善资料后继续');
    const started = performance.now();
    await expect(ui.see('资料已提交', 5000)).rejects.toThrow('the app showed "请完善资料后继续" instead of "资料已提交"');
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('lets the element win when both show, and waits for an element that comes later', async () => {
    const { ui, calls } = page({ 游客模式: 0, '#later': 300, '#now': 0 });
    ui.watchForRefusal('仅支持人脸验证');
    await ui.tap('#later');
    ui.watchForRefusal('游客模式');
    await ui.fill('#now', 'x');
    expect(calls).toEqual(['tap #later', 'fill #now']);
  });

  it('blocks as a timeout would when neither shows in time', async () => {
    const { ui } = page({});
    ui.watchForRefusal('游客模式');
    await expect(ui.see('#never', 250)).rejects.toThrow('"#never" did not appear within 250 ms');
  });

  it('without a declaration, leaves the waiting to the driver', async () => {
    const { ui, calls } = page({ 游客模式: 0 });
    await expect(ui.tap('#go-register')).rejects.toThrow('driver timeout for #go-register');
    expect(calls).toEqual(['tap #go-register']);
  });
});
