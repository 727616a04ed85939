import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TestResult } from 'allure-js-commons';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeAllureResults } from '../../src/report/allure/index.ts';
import { makeRunDir, type Fixture } from './run-fixture.ts';

let fx: Fixture;
let dir: string;
let results: TestResult[];

const label = (r: TestResult, name: string): string[] => r.labels.filter((l) => l.name === name).map((l) => l.value);
const byName = (part: string): TestResult => {
  const found = results.filter((r) => r.name?.includes(part));
  expect(found, part).toHaveLength(1);
  return found[0]!;
};
const attachmentText = (source: string): string => readFileSync(join(dir, source), 'utf8');

beforeAll(async () => {
  fx = await makeRunDir();
  dir = await writeAllureResults(fx.dir);
  results = readdirSync(dir)
    .filter((f) => f.endsWith('-result.json'))
    .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as TestResult);
});

describe('Allure results', () => {
  it('writes one failed case per finding, passed for held, skipped for not applicable and waived', () => {
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual(['failed', 'failed', 'failed', 'failed', 'passed', 'passed', 'passed', 'skipped', 'skipped']);
    expect(new Set(results.map((r) => r.historyId)).size).toBe(results.length);
    const waived = byName('hand-held ID photo');
    expect(waived.status).toBe('skipped');
    expect(waived.statusDetails.message).toBe('waived: [cancellation] 注销要求更多信息 · Cancellation demands more');
    expect(waived.statusDetails.trace).toMatch(/^identity check required/);
    expect(label(waived, 'tag')).toContain('waived');
    expect(byName('Plain-text transport').statusDetails.message).toBe('not applicable: every flow used https');
  });

  it('labels epic = app, feature = phase, story = rule, severity mapped, a tag per clause, variant as parameter', () => {
    const face = byName('Face image uploaded');
    expect(label(face, 'epic')).toEqual(['LoveLink']);
    expect(label(face, 'feature')).toEqual(['verify']);
    expect(label(face, 'story')).toEqual(['人脸信息上传 · Biometric upload']);
    expect(label(face, 'severity')).toEqual(['blocker']);
    expect(label(face, 'tag')).toEqual(expect.arrayContaining(['pipl-art28', 'face-measures-2025-art4', 'biometric-upload']));
    expect(face.parameters).toContainEqual({ name: 'variant', value: 'accept-all' });
    // The message names the kind and the rule (Allure groups a category's cases by it); the finding's reasoning is the trace.
    expect(face.statusDetails.message).toBe('[biometric-upload] 人脸信息上传 · Biometric upload');
    expect(face.statusDetails.trace).toMatch(/^a face image went to api\.facecloud\.test/);
    expect(label(byName('Collects education'), 'severity')).toEqual(['critical']);
    expect(face.links.length).toBeGreaterThan(0);
    expect(face.links[0]!.url).toMatch(/^https?:\/\//);
  });

  it('mirrors the phase UI actions as steps with screenshots', () => {
    const edu = byName('Collects education');
    expect(edu.steps.map((s) => s.name)).toEqual([
      'goto https://lovelink.test/',
      'fill #phone ← persona.phone',
      'fill #password ← persona.password',
      'tap text=完善资料',
    ]);
    // A step lasts from the event before it (phase start or previous action) to its own record. The
    // fixture's clock ticks 1 s per event and per flow, and the register flow comes before the tap.
    expect(edu.steps.map((s) => s.stop! - s.start!)).toEqual([1000, 1000, 1000, 2000]);
    for (const s of edu.steps) {
      expect(s.attachments).toHaveLength(1);
      expect(s.attachments[0]!.type).toBe('image/png');
      expect(readFileSync(join(dir, s.attachments[0]!.source)).subarray(1, 4).toString()).toBe('PNG');
    }
  });

  it('attaches the screen, request excerpt with the value marked, decoding chain and phase HAR', () => {
    const edu = byName('Collects education');
    const names = edu.attachments.map((a) => a.name);
    expect(names).toEqual(['Screen at the time of the request', 'Request f000002 POST api.lovelink.test (values marked ⟦ ⟧)', 'Decoding chain', 'HAR register / accept-all']);
    const excerpt = attachmentText(edu.attachments[1]!.source);
    expect(excerpt).toContain('"education":"⟦本科学历⟧"');
    expect(excerpt).toContain('[gzip decoded]');
    expect(attachmentText(edu.attachments[2]!.source)).toContain('decoding: raw → gzip → json');
    const har = JSON.parse(attachmentText(edu.attachments[3]!.source)) as { log: { entries: Array<{ request: { url: string } }> } };
    expect(har.log.entries.map((e) => e.request.url)).toEqual(['https://api.lovelink.test/register', 'https://api.lovelink.test/profile']);
  });

  it('never writes the password or SMS code, even unredacted', () => {
    for (const f of readdirSync(dir)) {
      const text = readFileSync(join(dir, f)).toString('latin1');
      expect(text, f).not.toContain('S3cret-Pass!');
      expect(text, f).not.toContain('246813');
    }
  });

  it('writes categories.json by kind and environment.properties', () => {
    const cats = JSON.parse(readFileSync(join(dir, 'categories.json'), 'utf8')) as Array<{ name: string; messageRegex?: string }>;
    // One message per rule, not per finding: the three over-collection findings share theirs.
    const failed = results.filter((x) => x.status === 'failed');
    expect(new Set(failed.map((r) => r.statusDetails.message)).size).toBe(2);
    expect(cats.map((c) => c.messageRegex).filter(Boolean)).toEqual(expect.arrayContaining(['(?s)\\[over-collection\\].*', '(?s)\\[biometric-upload\\].*', '(?s)\\[cancellation\\].*']));
    // every failed message is caught by its kind's regex (Java's (?s) is JS's s flag)
    for (const r of results.filter((x) => x.status === 'failed')) {
      const matching = cats.filter((c) => c.messageRegex && new RegExp(`^(?:${c.messageRegex.replace('(?s)', '')})$`, 's').test(r.statusDetails.message!));
      expect(matching, r.name).toHaveLength(1);
    }
    const env = readFileSync(join(dir, 'environment.properties'), 'utf8');
    for (const line of ['app=LoveLink', 'version=2.3.1', 'platform=web', 'capture\\ engine=embedded', 'browser=Chromium 156.0', 'privlab\\ version=0.1.0']) {
      expect(env).toContain(line);
    }
    expect(env).toMatch(/category=.*marriage_dating/);
  });
});
