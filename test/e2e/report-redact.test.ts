// With --redact, no persona value may occur anywhere in the report output: Allure results, the
// generated Allure HTML, the lab report HTML and PDF. Each value is searched in its plain, URL,
// base64, hex and hashed forms, in the raw bytes of every file.

import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateAllureHtml, writeAllureResults } from '../../src/report/allure/index.ts';
import { writeLabReport } from '../../src/report/lab/index.ts';
import { makeRunDir, PERSONA } from '../report/run-fixture.ts';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}

function forms(value: string): Record<string, string> {
  const b = Buffer.from(value, 'utf8');
  return {
    plain: value,
    url: encodeURIComponent(value),
    base64: b.toString('base64').replace(/=+$/, ''),
    hex: b.toString('hex'),
    md5: createHash('md5').update(b).digest('hex'),
    sha1: createHash('sha1').update(b).digest('hex'),
    sha256: createHash('sha256').update(b).digest('hex'),
  };
}

describe('--redact', () => {
  it('leaves no persona value in any file of the report output', async () => {
    const fx = await makeRunDir();
    const out = mkdtempSync(join(tmpdir(), 'privlab-redacted-'));
    const redact = { key: 'lab-secret-key' };
    const results = await writeAllureResults(fx.dir, { redact, outDir: join(out, 'allure-results') });
    await generateAllureHtml(results, join(out, 'allure-report'));
    await generateAllureHtml(results, join(out, 'allure-single'), { singleFile: true });
    await writeLabReport(fx.dir, { redact, outDir: join(out, 'lab'), pdf: true });
    await writeLabReport(fx.dir, { redact, outDir: join(out, 'lab'), lang: 'en', pdf: false });

    const values = [PERSONA.name, PERSONA.phone, PERSONA.idNumber, PERSONA.email!, PERSONA.password, PERSONA.smsCode!, PERSONA.birthDate!, ...Object.values(PERSONA.extra!)];
    const all = files(out);
    expect(all.length).toBeGreaterThan(20);
    const hits: string[] = [];
    for (const f of all) {
      const bytes = readFileSync(f);
      const latin1 = bytes.toString('latin1');
      const lower = latin1.toLowerCase();
      for (const v of values) {
        for (const [kind, form] of Object.entries(forms(v))) {
          const needle = Buffer.from(form, 'utf8').toString('latin1');
          const found = /^[0-9a-f]+$/.test(form) && kind !== 'plain' ? lower.includes(needle) : latin1.includes(needle);
          if (found) hits.push(`${f}: ${kind} of ${v}`);
        }
      }
    }
    expect(hits).toEqual([]);

    // The redaction shows where values were: keyed tokens, and no screenshots.
    const excerpts = files(join(out, 'allure-results')).filter((f) => f.endsWith('.txt')).map((f) => readFileSync(f, 'utf8')).join('\n');
    expect(excerpts).toMatch(/‹PI:id_number:[0-9a-f]{6}›/);
    expect(excerpts).toMatch(/‹PI:id_number:[0-9a-f]{6}\|base64›/);
    expect(all.filter((f) => f.includes('allure-results') && f.endsWith('.png'))).toEqual([]);
    expect(readFileSync(join(out, 'lab', 'lab-report.zh.html'), 'utf8')).not.toContain('data:image/png');
  });
});
