import { describe, expect, it } from 'vitest';
import { harnessHostPattern, harnessReason, harnessUrlPattern } from '../../src/capture/harness-hosts.ts';

describe('harness hosts', () => {
  const entries = ['update.googleapis.com', '*.gvt1.com', ' Accounts.Google.com. '];

  it('matches exact names and whole domains, case-insensitively', () => {
    const p = harnessHostPattern(entries);
    expect(harnessReason(p, 'update.googleapis.com')).toBe('browser background host update.googleapis.com');
    expect(harnessReason(p, 'ACCOUNTS.google.com')).toBeDefined();
    expect(harnessReason(p, 'r1---sn-abc.gvt1.com')).toBeDefined();
    expect(harnessReason(p, 'gvt1.com')).toBeUndefined();
    expect(harnessReason(p, 'evilgvt1.com')).toBeUndefined();
    expect(harnessReason(p, 'update.googleapis.com.evil.test')).toBeUndefined();
    expect(harnessReason(p, 'xupdate.googleapis.com')).toBeUndefined();
  });

  it('matches the same hosts inside URLs, not in paths or other hosts', () => {
    const u = harnessUrlPattern(entries)!;
    expect(u.test('https://update.googleapis.com/service')).toBe(true);
    expect(u.test('http://r2.gvt1.com:80')).toBe(true);
    expect(u.test('https://app.test/update.googleapis.com/')).toBe(false);
    expect(u.test('https://update.googleapis.com.app.test/')).toBe(false);
  });

  it('matches nothing without entries', () => {
    expect(harnessHostPattern([])).toBeNull();
    expect(harnessReason(null, 'update.googleapis.com')).toBeUndefined();
  });
});
