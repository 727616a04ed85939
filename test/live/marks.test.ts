import { appendFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalogs } from '../../src/core/catalog-loader.ts';
import type { CaptureContext } from '../../src/core/capture.ts';
import type { TimelineEventInput } from '../../src/core/timeline.ts';
import { parseMark } from '../../src/cli/commands/mark.ts';
import { findActiveLiveRun } from '../../src/live/find-live-run.ts';
import { markForKey } from '../../src/live/keys.ts';
import { appendMark, MARKS_FILE, MarkTail } from '../../src/live/marks.ts';
import { LiveSession } from '../../src/live/session.ts';
import type { PhaseOutcome } from '../../src/core/phase.ts';

const tmp = () => mkdtempSync(join(tmpdir(), 'privlab-marks-'));

describe('MarkTail', () => {
  it('returns only marks appended since the last poll, and waits for a line to be whole', () => {
    const dir = tmp();
    appendMark(dir, { kind: 'note', label: 'before start' });
    const tail = new MarkTail(join(dir, MARKS_FILE));
    expect(tail.poll()).toEqual([]);
    appendMark(dir, { kind: 'phase', phase: 'login' });
    appendFileSync(join(dir, MARKS_FILE), '{"kind":"en');
    expect(tail.poll()).toMatchObject([{ kind: 'phase', phase: 'login' }]);
    appendFileSync(join(dir, MARKS_FILE), 'd"}\nnot json\n');
    expect(tail.poll()).toMatchObject([{ kind: 'end' }, { error: expect.stringContaining('not a mark') }]);
  });
});

describe('LiveSession', () => {
  it('turns marks into timeline events and engine context', () => {
    const events: TimelineEventInput[] = [];
    const contexts: CaptureContext[] = [];
    const s = new LiveSession({ appendTimeline: (e) => events.push(e) }, { setContext: (c) => contexts.push(c) });
    s.apply({ kind: 'phase', phase: 'register' });
    s.apply({ kind: 'consent', subject: 'face-recognition', decision: 'refuse' });
    s.apply({ kind: 'phase', phase: 'verify' });
    s.apply({ kind: 'end' });
    expect(events.map((e) => `${e.type}:${e.phase}`)).toEqual([
      'phase-start:register', 'consent:register', 'phase-end:register', 'phase-start:verify', 'phase-end:verify',
    ]);
    expect(events[1]).toMatchObject({ subject: 'face-recognition', decision: 'refuse' });
    expect(events[2]).toMatchObject({ status: 'completed' });
    expect(contexts.map((c) => c.phase)).toEqual(['register', null, 'verify', null]);
    expect(contexts.every((c) => c.variant === 'accept-all')).toBe(true);
    expect(s.apply({ kind: 'end' })).toBe('no phase was running');
  });

  it('records each phase a mark ends as completed, and one a broken capture leaves open as not tested', () => {
    const outcomes: PhaseOutcome[] = [];
    const s = new LiveSession({ appendTimeline: () => {} }, { setContext: () => {} }, 'refuse-optional', (o) => outcomes.push(o));
    s.apply({ kind: 'phase', phase: 'register' });
    s.apply({ kind: 'phase', phase: 'delete' });
    s.endPhase('the proxy died');
    expect(outcomes).toEqual([
      { phase: 'register', variant: 'refuse-optional', status: 'completed' },
      { phase: 'delete', variant: 'refuse-optional', status: 'not-tested', message: expect.stringContaining('the proxy died') },
    ]);
  });
});

describe('parseMark and keys', () => {
  it('parses phases, consent aliases and notes, and rejects unknown words', () => {
    const ids = loadCatalogs().consentSubjects.map((s) => s.id);
    expect(parseMark('delete', undefined, false, ids)).toEqual({ kind: 'phase', phase: 'delete' });
    expect(parseMark('consent', 'face', true, ids)).toEqual({ kind: 'consent', subject: 'face-recognition', decision: 'refuse' });
    expect(parseMark('consent', 'marketing', false, ids)).toEqual({ kind: 'consent', subject: 'marketing', decision: 'accept' });
    expect(parseMark('note', 'sms sent', false, ids)).toEqual({ kind: 'note', label: 'sms sent' });
    expect(() => parseMark('consent', 'cookies', false, ids)).toThrow(/consent-subjects\.yaml: privacy-policy, user-agreement/);
    expect(() => parseMark('jump', undefined, false, ids)).toThrow(/unknown mark/);
  });

  it('maps the documented keys', () => {
    expect(markForKey('r')).toEqual({ kind: 'phase', phase: 'register' });
    expect(markForKey('x')).toEqual({ kind: 'consent', subject: 'privacy-policy', decision: 'refuse' });
    expect(markForKey('\u0003')).toEqual({ kind: 'stop' });
    expect(markForKey('z')).toBeUndefined();
  });
});

describe('findActiveLiveRun', () => {
  it('picks the most recently started unfinished live run', () => {
    const root = tmp();
    const write = (name: string, info: object) => {
      mkdirSync(join(root, name));
      writeFileSync(join(root, name, 'run.json'), JSON.stringify(info));
    };
    write('a', { source: 'live', complete: false, startedAt: '2025-01-01T00:00:00Z' });
    write('b', { source: 'live', complete: false, startedAt: '2025-01-02T00:00:00Z' });
    write('c', { source: 'live', complete: true, startedAt: '2025-01-03T00:00:00Z', endedAt: 'x' });
    write('d', { source: 'scenario', complete: false, startedAt: '2025-01-04T00:00:00Z' });
    expect(findActiveLiveRun(root)).toBe(join(root, 'b'));
    expect(findActiveLiveRun(join(root, 'none'))).toBeUndefined();
  });
});
