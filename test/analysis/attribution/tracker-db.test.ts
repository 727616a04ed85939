// The optional Ghostery TrackerDB a lab installs: read from a file in its release format (written here by
// hand, a few made-up entries), used only for hosts vendors.yaml lacks, its licence carried with each name;
// absent, nothing changes; a named file that is missing or malformed is an input error naming it.

import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { partyFor } from '../../../src/analysis/attribution/party.ts';
import { applyTrackerDbSetting } from '../../../src/cli/user-config.ts';
import { InputError } from '../../../src/core/errors.ts';
import type { Observation } from '../../../src/core/observation.ts';
import { installedTrackerDb, loadTrackerDb, trackerDbPath } from '../../../src/core/tracker-db.ts';
import { writeLabReport } from '../../../src/report/lab/index.ts';
import { makeRunDir } from '../../report/run-fixture.ts';
import { testCatalogs } from '../helpers.ts';

/** The shape of trackerdb.json (categories, organizations, patterns, domains, filters), with invented entries. */
const SAMPLE = {
  categories: { advertising: { name: 'Advertising', color: '#000', description: 'ads' }, essential: { name: 'Essential', color: '#000', description: 'x' } },
  organizations: {
    acme_ads: { name: 'Acme Ads Ltd', country: 'GB', tags: [] },
    other_corp: { name: 'Other Corp', tags: [] },
  },
  patterns: {
    acme_pixel: { name: 'Acme Pixel', category: 'advertising', organization: 'acme_ads', domains: ['acme-ads.test'], filters: [], tags: [] },
    acme_tags: { name: 'Acme Tags', category: 'essential', organization: 'acme_ads', domains: ['tags.acme-cdn.test'], filters: [], tags: [] },
    amp_clone: { name: 'Not Amplitude', category: 'advertising', organization: 'other_corp', domains: ['amplitude.com'], filters: [], tags: [] },
    orphan: { name: 'No organisation', category: 'advertising', organization: null, domains: ['orphan.test'], filters: [], tags: [] },
  },
  domains: { 'acme-ads.test': 'acme_pixel', 'tags.acme-cdn.test': 'acme_tags', 'amplitude.com': 'amp_clone', 'orphan.test': 'orphan' },
  filters: {},
};

function writeDb(content: unknown = SAMPLE): string {
  const dir = mkdtempSync(join(tmpdir(), 'privlab-trackerdb-'));
  const file = join(dir, 'trackerdb.json');
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

describe('the optional TrackerDB', () => {
  const target = { firstParty: ['lovelink.test'] };

  it('names hosts vendors.yaml lacks, with its licence; vendors.yaml wins; a pattern without organisation names nobody', () => {
    const trackerDb = installedTrackerDb({ PRIVLAB_TRACKERDB: writeDb() })!;
    const catalogs = { ...testCatalogs(), trackerDb };
    expect(partyFor('https://px.eu.acme-ads.test/p.gif', target, catalogs)).toMatchObject({
      kind: 'third', organisation: 'Acme Ads Ltd', service: 'Acme Pixel', serviceKind: 'ads', namedBy: expect.stringMatching(/Ghostery Tracker Database, CC-BY-NC-SA-4.0/),
    });
    // A category without a privlab kind keeps TrackerDB's names only.
    const tags = partyFor('https://tags.acme-cdn.test/t.js', target, catalogs);
    expect(tags).toMatchObject({ organisation: 'Acme Ads Ltd', service: 'Acme Tags' });
    expect(tags.serviceKind).toBeUndefined();
    const amp = partyFor('https://api2.amplitude.com/2/httpapi', target, catalogs);
    expect(amp).toMatchObject({ organisation: 'Amplitude, Inc.', vendor: 'amplitude' });
    expect(amp.namedBy).toBeUndefined();
    expect(partyFor('https://orphan.test/', target, catalogs).organisation).toBeUndefined();
    // Without it the same host is an unnamed third party.
    expect(partyFor('https://px.eu.acme-ads.test/p.gif', target, testCatalogs()).organisation).toBeUndefined();
  });

  it('is read only when installed: the default path when present, an explicit path that must exist', () => {
    const empty = mkdtempSync(join(tmpdir(), 'privlab-xdg-'));
    expect(trackerDbPath({ XDG_DATA_HOME: empty }).file).toBe(join(empty, 'privlab', 'trackerdb.json'));
    expect(installedTrackerDb({ XDG_DATA_HOME: empty })).toBeUndefined();
    mkdirSync(join(empty, 'privlab'));
    writeFileSync(join(empty, 'privlab', 'trackerdb.json'), JSON.stringify(SAMPLE));
    expect(installedTrackerDb({ XDG_DATA_HOME: empty })?.byDomain.get('acme-ads.test')?.organisation).toBe('Acme Ads Ltd');
    const missing = join(empty, 'nope.json');
    expect(() => installedTrackerDb({ PRIVLAB_TRACKERDB: missing })).toThrow(InputError);
    expect(() => installedTrackerDb({ PRIVLAB_TRACKERDB: missing })).toThrow(missing);
  });

  it('a file not in the release format is an input error naming the file', () => {
    for (const bad of ['{not json', JSON.stringify({ organizations: {} }), JSON.stringify([1, 2])]) {
      const file = writeDb(bad);
      expect(() => loadTrackerDb(file)).toThrow(InputError);
      expect(() => loadTrackerDb(file)).toThrow(file);
    }
  });

  it('privlab.config.yaml trackerDb is taken relative to the file; PRIVLAB_TRACKERDB wins', () => {
    const dir = mkdtempSync(join(tmpdir(), 'privlab-cfg-'));
    const cfg = join(dir, 'privlab.config.yaml');
    writeFileSync(cfg, 'trackerDb: lists/trackerdb.json\n');
    const env: NodeJS.ProcessEnv = {};
    applyTrackerDbSetting(env, cfg);
    expect(env.PRIVLAB_TRACKERDB).toBe(join(dir, 'lists', 'trackerdb.json'));
    const set: NodeJS.ProcessEnv = { PRIVLAB_TRACKERDB: '/elsewhere.json' };
    applyTrackerDbSetting(set, cfg);
    expect(set.PRIVLAB_TRACKERDB).toBe('/elsewhere.json');
  });

  it('the lab report states the source and licence of names taken from it, in both languages', async () => {
    const fx = await makeRunDir();
    const file = join(fx.dir, 'observations.jsonl');
    const obs = readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Observation);
    const page = async (lang: 'zh' | 'en'): Promise<string> => readFileSync((await writeLabReport(fx.dir, { lang, pdf: false })).html, 'utf8');
    expect(await page('en')).not.toContain('CC-BY-NC-SA');
    const trackerDb = loadTrackerDb(writeDb());
    obs[0]!.party = partyFor('https://px.acme-ads.test/p.gif', target, { ...testCatalogs(), trackerDb });
    writeFileSync(file, obs.map((o) => JSON.stringify(o)).join('\n') + '\n');
    expect(await page('en')).toMatch(/named from a list the lab installed itself: <span class="lit">Ghostery Tracker Database, CC-BY-NC-SA-4.0/);
    expect(await page('zh')).toMatch(/实验室自行安装的外部名录：<span class="lit">Ghostery Tracker Database/);
  });
});
