// The PI-type attributes the rules need (biometric, identityProof, credential, sensitive) come from
// pi-types.yaml alone: a type added to a copy of the catalog is honoured with no code change.

import { appendFileSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG_DIR, loadCatalogs } from '../../src/core/catalog-loader.ts';
import type { Catalogs } from '../../src/core/catalog.ts';
import { biometricUpload } from '../../src/rules/biometric-upload.ts';
import { cancellationDemandsMore } from '../../src/rules/cancellation-demands-more.ts';
import { overCollection } from '../../src/rules/over-collection.ts';
import { RunBuilder } from './helpers.ts';

const temps: string[] = [];
afterAll(() => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** The repository's catalogs plus the given pi-types.yaml entries. */
function catalogsWith(extraTypes: string): Catalogs {
  const dir = mkdtempSync(join(tmpdir(), 'privlab-attrs-'));
  temps.push(dir);
  cpSync(DEFAULT_CONFIG_DIR, dir, { recursive: true });
  appendFileSync(join(dir, 'pi-types.yaml'), `\n${extraTypes}`);
  return loadCatalogs(dir);
}

const PALM_VEIN = `
- slug: palm_vein
  zh: 掌静脉
  en: Palm vein pattern
  sensitive: true
  group: biometric
  biometric: true
  identityProof: true
- slug: payment_pin
  zh: 支付口令
  en: Payment PIN
  sensitive: true
  group: credential
  credential: true
`;

// The same types without the attributes: the group alone decides nothing.
const PLAIN = `
- slug: palm_vein
  zh: 掌静脉
  en: Palm vein pattern
  sensitive: false
  group: biometric
- slug: payment_pin
  zh: 支付口令
  en: Payment PIN
  sensitive: false
  group: credential
`;

function upload(catalogs: Catalogs) {
  return new RunBuilder()
    .phase('accept-all', 'register', 'completed', (p) => p.send('phone_number').send('palm_vein').send('payment_pin'))
    .phase('accept-all', 'delete', 'completed', (p) => p.send('palm_vein', { party: 'third', host: 'vein.example.test' }))
    .build(catalogs);
}

describe('rules read PI-type attributes from the catalog', () => {
  it('a new biometric, identity-proof type and a new credential are honoured', () => {
    const input = upload(catalogsWith(PALM_VEIN));
    expect(biometricUpload.evaluate(input).findings.map((f) => f.id).sort()).toEqual([
      'biometric-upload:delete:vein.example.test',
      'biometric-upload:register:app.test',
    ]);
    const over = overCollection.evaluate(input).findings.filter((f) => f.phase === 'register');
    expect(over.map((f) => [f.id, f.severity])).toEqual([['over-collection:register:palm_vein', 'high']]);
    // palm_vein was already collected at register: cancellation asking for it again demands nothing new
    expect(cancellationDemandsMore.evaluate(input).findings).toEqual([]);
  });

  it('a new identity-proof type demanded only at cancellation is rated high', () => {
    const input = new RunBuilder()
      .phase('accept-all', 'register', 'completed', (p) => p.send('phone_number'))
      .phase('accept-all', 'delete', 'completed', (p) => p.send('palm_vein'))
      .build(catalogsWith(PALM_VEIN));
    expect(cancellationDemandsMore.evaluate(input).findings.map((f) => [f.id, f.severity])).toEqual([
      ['cancellation-demands-more:delete:palm_vein', 'high'],
    ]);
  });

  it('without the attributes the same types are plain PI', () => {
    const input = upload(catalogsWith(PLAIN));
    expect(biometricUpload.evaluate(input).findings).toEqual([]);
    const over = overCollection.evaluate(input).findings.filter((f) => f.phase === 'register');
    expect(over.map((f) => [f.id, f.severity])).toEqual([
      ['over-collection:register:palm_vein', 'medium'],
      ['over-collection:register:payment_pin', 'medium'],
    ]);
  });
});
