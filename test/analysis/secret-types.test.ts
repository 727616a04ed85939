// Which values are never written in clear is the catalog's word (pi-types.yaml `secret`), not a list in code:
// a type marked secret in a copy of the catalog is masked in observations and in report text with no code change.

import { describe, expect, it } from 'vitest';
import { loadCatalogs } from '../../src/core/catalog-loader.ts';
import type { Catalogs } from '../../src/core/catalog.ts';
import type { Observation } from '../../src/core/observation.ts';
import { storedValue } from '../../src/analysis/observation-value.ts';
import { PiDetector } from '../../src/analysis/pii/detect-leaf.ts';
import { createRedactor } from '../../src/report/redact.ts';

const shipped = loadCatalogs();
const withSecretEmail: Catalogs = { ...shipped, piTypes: shipped.piTypes.map((t) => (t.slug === 'email' ? { ...t, secret: true } : t)) };

describe('secret PI types come from the catalog', () => {
  it('the shipped catalog marks password, SMS code and security answer secret, and not e-mail', () => {
    const d = new PiDetector(shipped);
    expect(['password', 'sms_code', 'security_answer'].map((s) => d.isSecret(s))).toEqual([true, true, true]);
    expect(d.isSecret('email')).toBe(false);
  });

  it('a type marked secret is stored as its length only and masked in reports without a key', () => {
    const d = new PiDetector(withSecretEmail);
    expect(storedValue('li.ming@example.com', d.isSecret('email'))).toBe('[secret, 19 chars]');
    expect(storedValue('li.ming@example.com', new PiDetector(shipped).isSecret('email'))).toBe('li.ming@example.com');
    const obs = [{ piType: 'email', value: 'li.ming@example.com' }] as Observation[];
    expect(createRedactor([], obs, undefined, withSecretEmail).text('to li.ming@example.com')).toBe('to ‹secret:email›');
    expect(createRedactor([], obs, undefined, shipped).text('to li.ming@example.com')).toBe('to li.ming@example.com');
  });
});
