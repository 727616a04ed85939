import { describe, expect, it } from 'vitest';
import { loadCatalogs } from '../../src/core/catalog-loader.ts';
import { FINDING_KINDS } from '../../src/core/rule.ts';
import { RULES } from '../../src/rules/index.ts';

describe('rules and the clause catalog', () => {
  const clauses = new Map(loadCatalogs().clauses.map((c) => [c.id, c]));

  it('lists the rule ids other parts depend on, each once', () => {
    expect(RULES.map((r) => r.meta.id)).toEqual([
      'over-collection',
      'forced-non-necessary',
      'face-only',
      'biometric-upload',
      'biometric-third-party',
      'sensitive-no-separate-consent',
      'collection-before-consent',
      'bundled-consent',
      'consent-withdrawal',
      'consent-re-asked',
      'marketing-without-consent',
      'undisclosed-third-party',
      'cancellation-missing',
      'cancellation-demands-more',
      'cancellation-ineffective',
      'sensitive-over-http',
    ]);
  });

  it.each(RULES.map((r) => [r.meta.id, r.meta] as const))('%s cites only clauses in config/regulations.yaml', (_id, meta) => {
    expect(meta.clauses.length).toBeGreaterThan(0);
    expect(meta.clauses.filter((id) => !clauses.has(id))).toEqual([]);
    expect(FINDING_KINDS).toContain(meta.kind);
    for (const text of [meta.title.zh, meta.title.en, meta.description.zh, meta.description.en]) expect(text.trim()).not.toBe('');
  });

  it('cites drafts as drafts and standards as practice', () => {
    expect(clauses.get('cac-draft-2026-cancellation')?.status).toBe('draft');
    for (const [id, c] of clauses) {
      if (id.startsWith('gbt')) expect(c.status, id).toBe('practice');
      if (id.startsWith('pipl-')) expect(c.status, id).toBe('in-force');
    }
  });
});
