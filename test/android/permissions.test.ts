import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ChoiceBranches, PhaseContext } from '../../src/core/scenario.ts';
import { parseDumpsysPackage } from '../../src/android/dumpsys.ts';
import { ANDROID_ALLOW_SELECTOR, ANDROID_DENY_SELECTOR, androidPermission, permissionMarks } from '../../src/android/permissions.ts';
import { VARIANT_REFUSES, type VariantName } from '../../src/core/phase.ts';

/** A phase context whose screen shows the dialog or not, recording taps, choices and marks. */
function fakeContext(variant: VariantName, dialogShown: boolean) {
  const taps: string[] = [];
  const marks: string[] = [];
  const choices: string[] = [];
  const ctx = {
    variant,
    ui: {
      isVisible: async (s: string) => dialogShown && s === ANDROID_DENY_SELECTOR,
      tap: async (s: string) => void taps.push(s),
    },
    choice: async (kind: 'permission', subject: string, b: ChoiceBranches) => {
      const d = VARIANT_REFUSES[variant].includes(kind) ? 'refuse' : 'accept';
      choices.push(`${kind}:${subject}:${d}`);
      await b[d]();
      return d;
    },
    mark: async (l: string) => void marks.push(l),
  } as unknown as PhaseContext;
  return { ctx, taps, marks, choices };
}

describe('androidPermission', () => {
  it('allows in accept-all and denies in refuse-optional, as a permission choice point', async () => {
    const a = fakeContext('accept-all', true);
    expect(await androidPermission(a.ctx, 'android.permission.CAMERA')).toBe('accept');
    expect(a.taps).toEqual([ANDROID_ALLOW_SELECTOR]);
    expect(a.choices).toEqual(['permission:android.permission.CAMERA:accept']);

    const r = fakeContext('refuse-optional', true);
    expect(await androidPermission(r.ctx, 'android.permission.CAMERA', { denySelector: ANDROID_DENY_SELECTOR })).toBe('refuse');
    expect(r.taps).toEqual([ANDROID_DENY_SELECTOR]);
  });

  it('marks a dialog that never shows instead of tapping blindly', async () => {
    const n = fakeContext('refuse-optional', false);
    expect(await androidPermission(n.ctx, 'android.permission.CAMERA', { timeoutMs: 300 })).toBe('not-shown');
    expect(n.taps).toEqual([]);
    expect(n.choices).toEqual([]);
    expect(n.marks).toEqual(['permission dialog not shown: android.permission.CAMERA']);
  });
});

describe('permissionMarks', () => {
  it('labels the requested, granted and not-granted sets', () => {
    const p = parseDumpsysPackage(readFileSync(new URL('../fixtures/android/dumpsys-package-camera-app.txt', import.meta.url), 'utf8'), 'com.example.lovelink');
    const labels = permissionMarks(p);
    expect(labels).toHaveLength(3);
    expect(labels[0]).toMatch(/^android-permissions requested \(com\.example\.lovelink\): android\.permission\.ACCESS_COARSE_LOCATION, /);
    expect(labels[1]).toBe('android-permissions granted (com.example.lovelink): android.permission.CAMERA');
    expect(labels[2]).toContain('android.permission.READ_CONTACTS');
    expect(labels[2]).not.toContain('CAMERA');
  });
});
