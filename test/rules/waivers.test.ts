import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Finding } from '../../src/core/finding.ts';
import { applyWaivers, loadWaivers } from '../../src/rules/waivers.ts';

const finding = (over: Partial<Finding>): Finding => ({
  id: 'x',
  ruleId: 'over-collection',
  title: { zh: '', en: '' },
  severity: 'medium',
  clauses: ['pipl-art6'],
  phase: 'register',
  variants: ['accept-all'],
  notHeldIn: [],
  piTypes: [],
  reasoning: 'r',
  evidence: { flows: [], observations: [], timeline: [] },
  ...over,
});

const idNumber = finding({ id: 'over-collection:register:id_number', piTypes: ['id_number'] });
const edu = finding({ id: 'over-collection:register:education', piTypes: ['education'] });
const upload = finding({
  id: 'biometric-upload:verify:api.face.test',
  ruleId: 'biometric-upload',
  phase: 'verify',
  piTypes: ['face_image'],
  party: { kind: 'third', host: 'api.face.test', domain: 'face.test' },
});

describe('applyWaivers', () => {
  it('waives by finding id and by match, keeping every finding', () => {
    const { findings, warnings } = applyWaivers(
      [idNumber, edu, upload],
      [
        { match: { ruleId: 'over-collection', piType: 'id_number' }, justification: 'required by law' },
        { match: { ruleId: 'biometric-upload', host: 'face.test', phase: 'verify' }, justification: 'accepted', by: 'lab' },
      ],
    );
    expect(findings.map((f) => f.waived?.justification)).toEqual(['required by law', undefined, 'accepted']);
    expect(findings[2]!.waived).toEqual({ justification: 'accepted', by: 'lab' });
    expect(warnings).toEqual([]);
  });

  it('does not waive when one given field differs, and warns about the waiver', () => {
    const { findings, warnings } = applyWaivers(
      [idNumber],
      [{ match: { ruleId: 'over-collection', variant: 'refuse-optional' }, justification: 'j' }],
      'w.yaml',
    );
    expect(findings[0]!.waived).toBeUndefined();
    expect(warnings).toEqual(['w.yaml: waiver 1 (match {"ruleId":"over-collection","variant":"refuse-optional"}) matches no finding']);
  });
});

describe('loadWaivers', () => {
  const dir = mkdtempSync(join(tmpdir(), 'privlab-waivers-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, text: string) => {
    const p = join(dir, name);
    writeFileSync(p, text);
    return p;
  };

  it('reads a valid file', () => {
    const p = write('ok.yaml', '- match: {ruleId: over-collection, piType: id_number}\n  justification: law\n  date: 2025-06-02\n');
    expect(loadWaivers(p)).toEqual([{ match: { ruleId: 'over-collection', piType: 'id_number' }, justification: 'law', date: '2025-06-02' }]);
  });

  it.each([
    ['no justification', '- finding: x\n', /justification/],
    ['both finding and match', '- finding: x\n  match: {ruleId: y}\n  justification: j\n', /oneOf|exactly one|must match/],
    ['an unknown variant', '- match: {ruleId: y, variant: sometimes}\n  justification: j\n', /variant/],
    ['broken YAML', '- finding: [x\n', /line/],
  ])('rejects %s, naming the file', (_name, text, problem) => {
    const p = write('bad.yaml', text);
    expect(() => loadWaivers(p)).toThrow(/bad\.yaml/);
    expect(() => loadWaivers(p)).toThrow(problem);
  });

  it('names a missing file', () => {
    expect(() => loadWaivers(join(dir, 'nope.yaml'))).toThrow(/nope\.yaml: waiver file not found/);
  });
});
