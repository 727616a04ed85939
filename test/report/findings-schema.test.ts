import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PHASES, VARIANTS } from '../../src/core/phase.ts';
import { FINDING_KINDS, type FindingsFile } from '../../src/core/rule.ts';
import { failOnExitCode } from '../../src/report/exit-code.ts';
import { FINDINGS_SCHEMA_FILE, validateFindingsFile } from '../../src/report/findings-schema.ts';
import { makeRunDir } from './run-fixture.ts';

const load = async (): Promise<FindingsFile> => JSON.parse(readFileSync(join((await makeRunDir()).dir, 'findings.json'), 'utf8')) as FindingsFile;

describe('findings.json schema', () => {
  it('names the same phases, variants and kinds as the code', () => {
    const defs = (JSON.parse(readFileSync(FINDINGS_SCHEMA_FILE, 'utf8')) as { definitions: Record<string, { enum?: string[]; properties?: Record<string, { enum?: string[] }> }> }).definitions;
    expect(defs.phase!.enum).toEqual([...PHASES]);
    expect(defs.variant!.enum).toEqual([...VARIANTS]);
    expect(defs.rule!.properties!.kind!.enum).toEqual([...FINDING_KINDS]);
  });

  it('accepts a well-formed file', async () => {
    expect(validateFindingsFile(await load())).toEqual([]);
  });

  it('rejects a missing field, a bad enum and a dangling reference, naming the place', async () => {
    const f = await load();
    const noRun = { ...f } as Partial<FindingsFile>;
    delete noRun.runId;
    expect(validateFindingsFile(noRun)[0]).toMatch(/missing required field "runId"/);
    const badSeverity = structuredClone(f);
    (badSeverity.findings[0] as { severity: string }).severity = 'huge';
    expect(validateFindingsFile(badSeverity).join('\n')).toMatch(/\/findings\/0\/severity must be one of/);
    const dangling = structuredClone(f);
    dangling.evaluations[0]!.findingIds.push('nope');
    expect(validateFindingsFile(dangling)).toEqual([expect.stringMatching(/\/evaluations\/0\/findingIds\/3 "nope" is not in \/findings/)]);
  });
});

describe('--fail-on exit code', () => {
  it('fails at or above the severity, ignoring waived findings', async () => {
    const f = await load();
    expect(failOnExitCode(f)).toBe(0);
    expect(failOnExitCode(f, 'critical')).not.toBe(0); // the face upload is critical
    const noCritical = { ...f, findings: f.findings.filter((x) => x.severity !== 'critical') };
    expect(failOnExitCode(noCritical, 'critical')).toBe(0);
    expect(failOnExitCode(noCritical, 'high')).not.toBe(0);
    // only the waived medium finding is left: never fails
    const waivedOnly = { ...f, findings: f.findings.filter((x) => x.waived) };
    expect(waivedOnly.findings).toHaveLength(1);
    expect(failOnExitCode(waivedOnly, 'info')).toBe(0);
    expect(failOnExitCode({ ...f, findings: [] }, 'info')).toBe(0);
  });
});
