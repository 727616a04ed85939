import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { clearCatalogCache, DEFAULT_CONFIG_DIR, findConsentSubject, loadCatalogs } from '../../src/core/catalog-loader.ts';

/** A copy of config/ with consent-subjects.yaml rewritten by `edit`. */
function configWith(edit: (yaml: string) => string): string {
  const dir = mkdtempSync(join(tmpdir(), 'privlab-consent-subjects-'));
  cpSync(DEFAULT_CONFIG_DIR, dir, { recursive: true });
  const file = join(dir, 'consent-subjects.yaml');
  writeFileSync(file, edit(readFileSync(file, 'utf8')));
  return dir;
}

beforeEach(() => clearCatalogCache());

describe('config/consent-subjects.yaml', () => {
  it('has the necessary subjects and optional ones, each covering PI types the type catalog knows', () => {
    const c = loadCatalogs();
    expect(c.consentSubjects.filter((s) => s.necessary).map((s) => s.id)).toEqual(['privacy-policy', 'user-agreement']);
    const slugs = new Set(c.piTypes.map((t) => t.slug));
    for (const s of c.consentSubjects) for (const t of s.piTypes) expect(slugs.has(t), `${s.id}: ${t}`).toBe(true);
    // Every sensitive type the issue names has a subject whose consent covers it.
    for (const t of ['face_image', 'id_number', 'religion', 'health', 'bank_card_number', 'location', 'trajectory']) {
      expect(c.consentSubjects.some((s) => s.piTypes.includes(t)), t).toBe(true);
    }
  });

  it('refuses a PI type the type catalog does not have, naming the file and the place', () => {
    const dir = configWith((y) => y.replace('piTypes: [location, trajectory]', 'piTypes: [location, whereabouts]'));
    expect(() => loadCatalogs(dir)).toThrow(/consent-subjects\.yaml: \/\d+\/piTypes\/1 "whereabouts" is not a slug of pi-types\.yaml/);
  });

  it('refuses a duplicate id and a field the schema does not know', () => {
    expect(() => loadCatalogs(configWith((y) => y.replace('- id: user-agreement', '- id: privacy-policy')))).toThrow(/consent-subjects\.yaml: \/1 duplicate id "privacy-policy"/);
    expect(() => loadCatalogs(configWith((y) => y.replace('  service: marketing\n', '  service: marketing\n  optIn: true\n')))).toThrow(/consent-subjects\.yaml/);
  });

  it('names the known ids for an unknown subject', () => {
    expect(() => findConsentSubject(loadCatalogs(), 'cookies')).toThrow(/unknown consent subject "cookies" \(consent-subjects\.yaml has privacy-policy, user-agreement, marketing/);
  });
});
