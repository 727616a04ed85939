// The diff between two runs, the --baseline gate, and the JUnit and SARIF files validated against schemas:
// JUnit against test/fixtures/junit/junit.xsd (xmllint, compiled to wasm), SARIF against the SARIF 2.1.0
// JSON schema that @microsoft/jest-sarif ships (MIT), with ajv's draft-04 support.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import ajvDraft04 from 'ajv-draft-04';
import { beforeAll, describe, expect, it } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import { EXIT } from '../../../src/core/exit-codes.ts';
import type { FindingsFile } from '../../../src/core/rule.ts';
import { junitXml } from '../../../src/report/ci/junit.ts';
import { sarifLog } from '../../../src/report/ci/sarif.ts';
import { failOnExitCode } from '../../../src/report/exit-code.ts';
import { diffFindings } from '../../../src/report/findings-diff.ts';
import { makeRunDir } from '../run-fixture.ts';

const require = createRequire(import.meta.url);
// A CommonJS package: its class is both module.exports and .default; TypeScript sees only the latter.
const Ajv04 = ajvDraft04.default;
const SARIF_SCHEMA = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
const JUNIT_XSD = join(import.meta.dirname, '../../fixtures/junit/junit.xsd');

let runDir: string;
let base: FindingsFile;

beforeAll(async () => {
  runDir = (await makeRunDir()).dir;
  base = JSON.parse(readFileSync(join(runDir, 'findings.json'), 'utf8')) as FindingsFile;
});

/** The next version of the app: one finding fixed, one phase not reached any more, one new finding. */
function nextVersion(old: FindingsFile): { next: FindingsFile; fixed: string; untested: string; added: string } {
  const next = structuredClone(old);
  const unwaived = next.findings.filter((f) => !f.waived && f.phase);
  const fixed = unwaived[0]!;
  const untested = unwaived.find((f) => f.phase !== fixed.phase)!;
  next.outcomes = next.outcomes.map((o) => (o.phase === untested.phase ? { ...o, status: 'error', message: 'browser crashed' } : o));
  const added = { ...structuredClone(fixed), id: `${fixed.ruleId}:${fixed.phase}:brand_new_subject`, severity: 'medium' as const };
  next.findings = next.findings.filter((f) => f.id !== fixed.id && f.id !== untested.id).concat(added);
  return { next, fixed: fixed.id, untested: untested.id, added: added.id };
}

describe('diff by stable finding id', () => {
  it('sorts findings into new, resolved, not re-tested and unchanged', () => {
    const { next, fixed, untested, added } = nextVersion(base);
    const d = diffFindings(base, next);
    expect(d.added.map((f) => f.id)).toEqual([added]);
    expect(d.resolved.map((f) => f.id)).toEqual([fixed]);
    expect(d.notRetested.map((f) => f.id)).toEqual([untested]);
    expect(d.unchanged).toHaveLength(base.findings.length - 2);
    expect(d.unchanged.every((c) => c.changes.length === 0)).toBe(true);
  });

  it('matches by id, not by text: a reworded finding is unchanged, a changed severity is noted', () => {
    const next = structuredClone(base);
    next.findings[0]!.reasoning = 'entirely different words';
    next.findings[0]!.title = { zh: '新', en: 'new title' };
    next.findings[1]!.severity = next.findings[1]!.severity === 'low' ? 'high' : 'low';
    const d = diffFindings(base, next);
    expect(d.added).toEqual([]);
    expect(d.unchanged.find((c) => c.new.id === next.findings[1]!.id)!.changes[0]).toMatch(/^severity /);
  });
});

describe('--fail-on with --baseline', () => {
  it('exits with the findings code only for a new finding at or above the severity', () => {
    const { next } = nextVersion(base);
    expect(EXIT.findings).toBe(3);
    expect(failOnExitCode(next, 'info')).toBe(EXIT.findings); // without a baseline, old findings fail too
    expect(failOnExitCode(next, 'medium', base)).toBe(EXIT.findings); // the new one is medium
    expect(failOnExitCode(next, 'high', base)).toBe(EXIT.ok); // nothing new at high
    expect(failOnExitCode(base, 'info', base)).toBe(EXIT.ok); // the same run again: nothing new
  });
});

describe('JUnit XML', () => {
  it('is valid against the JUnit schema; new findings fail, known and waived ones are skipped', async () => {
    const { next } = nextVersion(base);
    const xml = junitXml([{ findings: next, known: new Set(base.findings.map((f) => f.id)) }]);
    const result = await validateXML({ xml: [{ fileName: 'findings.xml', contents: xml }], schema: [readFileSync(JUNIT_XSD, 'utf8')] });
    expect(result.errors).toEqual([]);
    expect(result.valid).toBe(true);
    expect(xml.match(/<failure /g)).toHaveLength(1);
    expect(xml.match(/<skipped\/>/g)).toHaveLength(next.findings.length - 1);
  });

  it('the schema check can fail: a test case without a name is rejected', async () => {
    const xml = junitXml([{ findings: base }]).replace(/<testcase classname="([^"]*)" name="[^"]*"/, '<testcase classname="$1"');
    const result = await validateXML({ xml: [{ fileName: 'bad.xml', contents: xml }], schema: [readFileSync(JUNIT_XSD, 'utf8')] });
    expect(result.valid).toBe(false);
  });
});

describe('SARIF 2.1.0', () => {
  // The schema's language pattern is not valid as a unicode regex; its uri formats are left unchecked (no ajv-formats here).
  const validate = new Ajv04({ allErrors: true, strict: false, unicodeRegExp: false, validateFormats: false }).compile(JSON.parse(readFileSync(SARIF_SCHEMA, 'utf8')) as object);

  it('is valid against the schema, with stable fingerprints and baseline states', () => {
    const { next, fixed, added } = nextVersion(base);
    const log = sarifLog([{ findings: next, runDir, diff: diffFindings(base, next) }]);
    expect(validate(log), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    const results = log.runs[0]!.results!;
    const state = (id: string) => results.find((r) => r.partialFingerprints?.['privlabFindingId/v1'] === id)?.baselineState;
    expect(state(added)).toBe('new');
    expect(state(fixed)).toBe('absent');
    expect(results.filter((r) => r.baselineState === 'unchanged')).toHaveLength(next.findings.length - 1);
    expect(results.filter((r) => r.suppressions?.length)).toHaveLength(base.findings.filter((f) => f.waived).length);
  });

  it('the schema check can fail: a bad level is rejected', () => {
    const log = sarifLog([{ findings: base, runDir }]) as unknown as { runs: Array<{ results: Array<{ level: string }> }> };
    log.runs[0]!.results[0]!.level = 'severe';
    expect(validate(log)).toBe(false);
  });
});
