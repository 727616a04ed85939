import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import type { Catalogs } from '../../src/core/catalog.ts';
import {
  CatalogError,
  DEFAULT_CONFIG_DIR,
  browserHostFor,
  clearCatalogCache,
  findCategory,
  loadCatalogFile,
  loadCatalogs,
  necessarySlugsFor,
  normaliseKey,
  piTypeBySlug,
  vendorForHost,
} from '../../src/core/catalog-loader.ts';

// The transcription the catalog was made from (its header names the source), kept to cross-check it.
const REFERENCE = new URL('../fixtures/reference/necessary_pi_39.yaml', import.meta.url);
const temps: string[] = [];

// regulations.yaml belongs to the rules engineer: tests of this loader use a small valid one of their own
// so a change there does not hide what these tests check.
const CLAUSES = `- id: necessary-pi-2021-art4
  instrument: {zh: 常见类型移动互联网应用程序必要个人信息范围规定, en: Provisions on necessary PI}
  article: 第四条 (Art. 4)
  title: {zh: 不得因用户不同意提供非必要个人信息而拒绝基本功能, en: No refusal of the basic function}
  status: in-force
  source: regulations.md §1.2
`;

/** A copy of config/ to break on purpose, with a fixture regulations.yaml. */
function configCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'privlab-catalogs-'));
  temps.push(dir);
  cpSync(DEFAULT_CONFIG_DIR, dir, { recursive: true });
  writeFileSync(join(dir, 'regulations.yaml'), CLAUSES);
  return dir;
}

function edit(dir: string, file: string, change: (text: string) => string): void {
  const p = join(dir, file);
  const before = readFileSync(p, 'utf8');
  const after = change(before);
  expect(after, `the edit of ${file} changed nothing`).not.toBe(before);
  writeFileSync(p, after);
}

function loadError(dir: string): CatalogError {
  try {
    loadCatalogs(dir);
  } catch (e) {
    expect(e).toBeInstanceOf(CatalogError);
    return e as CatalogError;
  }
  throw new Error(`loadCatalogs(${dir}) accepted a broken catalog`);
}

beforeEach(() => clearCatalogCache());
afterAll(() => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('shipped catalogs', () => {
  let c: Catalogs;
  beforeEach(() => {
    c = loadCatalogs(configCopy());
  });

  it('load, with every file non-empty', () => {
    expect(c.categories.length).toBeGreaterThan(0);
    expect(c.piTypes.length).toBeGreaterThan(40);
    expect(c.vendors.length).toBeGreaterThan(10);
    expect(c.browserHosts.map((b) => b.host)).toContain('update.googleapis.com');
  });

  it('have the 39 categories, ids 1..39, 13 of them needing no PI', () => {
    expect(c.categories).toHaveLength(39);
    expect(c.categories.map((x) => x.id)).toEqual(Array.from({ length: 39 }, (_, i) => i + 1));
    const none = c.categories.filter((x) => x.noPiNeeded);
    expect(none.map((x) => x.id)).toEqual([21, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38]);
    expect(none.every((x) => x.necessaryPi.length === 0)).toBe(true);
  });

  it('match the reference transcription item by item', () => {
    const ref = parse(readFileSync(REFERENCE, 'utf8')) as {
      categories: Array<{ id: number; slug: string; zh: string; basic_function_zh: string; necessary_pi: Array<{ slug: string; zh: string; subject?: string; condition?: string }> }>;
    };
    for (const r of ref.categories) {
      const mine = c.categories.find((x) => x.id === r.id)!;
      expect(mine.slug).toBe(r.slug);
      expect(mine.zh).toBe(r.zh);
      expect(mine.basicFunction.zh).toBe(r.basic_function_zh);
      expect(mine.necessaryPi.map((p) => [p.piType, p.zh, p.subject, p.condition])).toEqual(
        r.necessary_pi.map((p) => [p.slug, p.zh, p.subject, p.condition]),
      );
    }
  });

  it('marriage_dating needs phone number, gender, age and marital status', () => {
    const cat = findCategory(c, 'marriage_dating');
    expect(cat.necessaryPi.map((p) => p.piType)).toEqual(['phone_number', 'gender', 'age', 'marital_status']);
    const needed = necessarySlugsFor(c, 'marriage_dating');
    for (const s of ['phone_number', 'gender', 'age', 'marital_status']) expect(needed.has(s)).toBe(true);
    expect(needed.has('id_number')).toBe(false);
    expect(needed.has('face_image')).toBe(false);
  });

  it('count types through satisfies, and nothing for a no-PI category', () => {
    expect(necessarySlugsFor(c, 'online_payment').has('id_number')).toBe(true); // satisfies id_type_and_number
    expect(necessarySlugsFor(c, 'online_shopping').has('address')).toBe(true); // delivery_address
    expect(necessarySlugsFor(c, 'hotel_services').has('id_number')).toBe(false);
    expect(necessarySlugsFor(c, 'news').size).toBe(0);
    expect([...necessarySlugsFor(c, 'map_navigation')]).not.toContain('phone_number');
  });

  it('cover every category vocabulary slug with a PI type', () => {
    for (const cat of c.categories) {
      for (const item of cat.necessaryPi) {
        const covering = c.piTypes.filter((t) => t.slug === item.piType || t.satisfies?.includes(item.piType));
        expect(covering.length, `${cat.slug}: ${item.piType}`).toBeGreaterThan(0);
      }
    }
  });

  it('define the PI types other parts rely on', () => {
    const required = `phone_number real_name id_number id_validity gender age birth_date marital_status education
      social_insurance tax_record labour_contract employer income work_certificate religion health contacts call_log sms
      installed_apps location ip_address email bank_card_number passport_number licence_plate address imei meid android_id
      oaid idfa idfv mac_address serial_number device_model face_image face_video voiceprint fingerprint id_card_image
      handheld_id_photo password sms_code account_id nickname`.split(/\s+/);
    for (const s of required) expect(piTypeBySlug(c, s), s).toBeDefined();
    expect(piTypeBySlug(c, 'id_number')!.satisfies).toContain('id_type_and_number');
    expect(piTypeBySlug(c, 'nope')).toBeUndefined();
  });

  it('mark sensitive PI per PIPL Art. 28 and GB/T 35273 Annex B', () => {
    for (const s of ['id_number', 'location', 'face_image', 'face_video', 'bank_card_number', 'health', 'religion', 'trajectory'])
      expect(piTypeBySlug(c, s)!.sensitive, s).toBe(true);
    for (const s of ['phone_number', 'gender', 'imei', 'nickname']) expect(piTypeBySlug(c, s)!.sensitive, s).toBe(false);
  });

  it('keep keys specific: no bare id, name or code, and each key names one type', () => {
    const owners = new Map<string, string>();
    for (const t of c.piTypes) {
      for (const k of t.keys ?? []) {
        expect(['id', 'name', 'code', 'fingerprint', 'mac', 'origin', 'type', 'value']).not.toContain(normaliseKey(k));
        expect(owners.get(normaliseKey(k)), `${k} in ${t.slug}`).toBeUndefined();
        owners.set(normaliseKey(k), t.slug);
      }
    }
    expect(owners.get('idcardno')).toBe('id_number');
    expect(owners.get('xueli')).toBe('education');
    expect(owners.get('身份证号')).toBe('id_number');
    expect(owners.get('realname')).toBe('real_name');
  });

  it('attribute hosts to vendors by the longest domain suffix', () => {
    expect(vendorForHost(c, 'faceid.tencentcloudapi.com')?.id).toBe('tencent-faceid');
    expect(vendorForHost(c, 'cvm.tencentcloudapi.com')?.id).toBe('tencent-cloud');
    expect(vendorForHost(c, 'alog.umeng.com')?.id).toBe('umeng');
    expect(vendorForHost(c, 'AIP.BAIDUBCE.COM.')?.id).toBe('baidu-aip');
    expect(vendorForHost(c, 'notumeng.com')).toBeUndefined();
    expect(vendorForHost(c, 'example.test')).toBeUndefined();
  });

  it('recognise browser hosts, wildcard entries included', () => {
    expect(browserHostFor(c, 'accounts.google.com')).toBeDefined();
    expect(browserHostFor(c, 'r3---sn-4g5e6nsz.gvt1.com')).toBeDefined();
    expect(browserHostFor(c, 'evilgvt1.com')).toBeUndefined();
    expect(browserHostFor(c, 'lovelink.test')).toBeUndefined();
  });
});

describe('the repository config/ as shipped', () => {
  it('loads from the default directory, regulations.yaml included, and is cached', () => {
    const c = loadCatalogs();
    expect(c.categories).toHaveLength(39);
    expect(c.clauses.length).toBeGreaterThan(0);
    expect(loadCatalogs()).toBe(c);
  });
});

describe('findCategory', () => {
  it('suggests close slugs for an unknown one', () => {
    const c = loadCatalogs(configCopy());
    expect(() => findCategory(c, 'dating')).toThrow(
      'unknown category "dating"; did you mean marriage_dating? run privlab categories to list them',
    );
    expect(() => findCategory(c, 'shoping')).toThrow(/did you mean online_shopping\?/);
    expect(() => findCategory(c, 'zzzzzz')).toThrow(/^unknown category "zzzzzz"; run privlab categories/);
    expect(() => necessarySlugsFor(c, 'dating')).toThrow(CatalogError);
  });
});

describe('broken catalogs are rejected with the file and the problem', () => {
  it('a value of the wrong type', () => {
    const dir = configCopy();
    edit(dir, 'pi-types.yaml', (t) => t.replace(/(slug: gender[\s\S]*?)sensitive: false/, '$1sensitive: "no"'));
    const e = loadError(dir);
    expect(e.message).toMatch(/pi-types\.yaml: \/\d+\/sensitive must be boolean \(line \d+\)$/);
    expect(e.file).toBe(join(dir, 'pi-types.yaml'));
  });

  it('an unknown field', () => {
    const dir = configCopy();
    edit(dir, 'vendors.yaml', (t) => t.replace('  domains: [bugly.qq.com]\n', '  domains: [bugly.qq.com]\n  homepage: https://bugly.qq.com\n'));
    expect(loadError(dir).message).toMatch(/vendors\.yaml: \/\d+ has unknown field "homepage"/);
  });

  it('a value outside an enum', () => {
    const dir = configCopy();
    edit(dir, 'pi-types.yaml', (t) => t.replace('group: biometric', 'group: faces'));
    expect(loadError(dir).message).toMatch(/pi-types\.yaml: \/\d+\/group must be one of "identity", /);
  });

  it('a YAML syntax error, with its line', () => {
    const dir = configCopy();
    edit(dir, 'browser-hosts.yaml', (t) => t.replace('- host: accounts.google.com\n  reason:', '- host: accounts.google.com\n   reason:'));
    const e = loadError(dir);
    const line = readFileSync(join(dir, 'browser-hosts.yaml'), 'utf8').split('\n').findIndex((l) => l === '   reason: Chromium sign-in and account consistency checks') + 1;
    // yaml reports the mapping the stray indentation breaks: the bad line or the entry it belongs to
    const reported = Number(/browser-hosts\.yaml: line (\d+): \S/.exec(e.message)?.[1]);
    expect([line - 1, line]).toContain(reported);
    expect(e.message).not.toContain('\n');
  });

  it('a category item naming a PI type nobody defines', () => {
    const dir = configCopy();
    edit(dir, 'categories.yaml', (t) => t.replace('{piType: marital_status,', '{piType: marital_statuz,'));
    expect(loadError(dir).message).toMatch(
      /categories\.yaml: \/9\/necessaryPi\/3\/piType "marital_statuz" is neither a slug of pi-types\.yaml nor satisfied by one/,
    );
  });

  it('a satisfies entry naming no category item', () => {
    const dir = configCopy();
    edit(dir, 'pi-types.yaml', (t) => t.replace('satisfies: [id_type_and_number]', 'satisfies: [id_type_and_numbr]'));
    expect(loadError(dir).message).toMatch(/pi-types\.yaml: \/\d+\/satisfies\/0 "id_type_and_numbr" is named by no category/);
  });

  it('duplicate slugs, category ids, vendor domains and keys', () => {
    let dir = configCopy();
    edit(dir, 'categories.yaml', (t) => t.replace('- id: 2\n', '- id: 1\n'));
    expect(loadError(dir).message).toMatch(/categories\.yaml: \/1 duplicate id "1" \(first at \/0\)/);

    dir = configCopy();
    edit(dir, 'vendors.yaml', (t) => t.replace('domains: [jpush.cn, jiguang.cn]', 'domains: [jpush.cn, umeng.com]'));
    expect(loadError(dir).message).toMatch(/vendors\.yaml: \/\d+\/domains\/1 "umeng.com" already belongs to vendor umeng/);

    dir = configCopy();
    edit(dir, 'pi-types.yaml', (t) => t.replace('keys: [gender, sex,', 'keys: [gender, Id_Card,'));
    expect(loadError(dir).message).toMatch(/pi-types\.yaml: \/\d+\/keys\/1 must match pattern/);

    dir = configCopy();
    edit(dir, 'pi-types.yaml', (t) => t.replace('keys: [gender, sex,', 'keys: [gender, idcard,'));
    expect(loadError(dir).message).toMatch(/pi-types\.yaml: \/\d+\/keys\/\d+ "\S+" repeats a key of \w+ \(keys compare as "idcard"\)/);
  });

  it('a type the code names but the catalog lacks', () => {
    const dir = configCopy();
    edit(dir, 'pi-types.yaml', (t) => t.replace('- slug: imsi\n', '- slug: imsi_renamed\n'));
    expect(loadError(dir).message).toMatch(/pi-types\.yaml: has no type "imsi", which the code names \(src\/core\/pi-slugs\.ts\)/);
  });

  it('a missing file, an empty file and a clause of the wrong shape', () => {
    let dir = configCopy();
    rmSync(join(dir, 'vendors.yaml'));
    expect(loadError(dir).message).toMatch(/vendors\.yaml: cannot read catalog: file not found/);

    dir = configCopy();
    writeFileSync(join(dir, 'browser-hosts.yaml'), '# nothing yet\n');
    expect(loadError(dir).message).toMatch(/browser-hosts\.yaml: \/ must be array/);

    dir = configCopy();
    writeFileSync(join(dir, 'regulations.yaml'), CLAUSES.replace('article: 第四条 (Art. 4)', 'article: 4.1'));
    expect(loadError(dir).message).toMatch(/regulations\.yaml: \/0\/article must be string \(line 3\)/);
  });

  it('a category that needs no PI yet lists some', () => {
    const dir = configCopy();
    edit(dir, 'categories.yaml', (t) => t.replace(/(slug: news[\s\S]*?)necessaryPi: \[\]/, '$1necessaryPi: [{piType: phone_number, zh: 手机号}]'));
    expect(loadError(dir).message).toMatch(/categories\.yaml: \/29\/necessaryPi must NOT have more than 0 items/);
  });

  it('hostile input stays bounded: alias bombs and huge files', () => {
    let dir = configCopy();
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 0; i < 12; i++) bomb.push(`${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}]`);
    writeFileSync(join(dir, 'browser-hosts.yaml'), bomb.join('\n') + '\n');
    expect(loadError(dir).message).toMatch(/browser-hosts\.yaml: .*alias/i);

    dir = configCopy();
    writeFileSync(join(dir, 'browser-hosts.yaml'), '#'.repeat(5 * 1024 * 1024));
    expect(loadError(dir).message).toMatch(/browser-hosts\.yaml: \d+ bytes is too large for a catalog/);
  });
});

describe('loadCatalogFile', () => {
  it('reads one catalog against its schema', () => {
    const hosts = loadCatalogFile<{ host: string }>(
      join(DEFAULT_CONFIG_DIR, 'browser-hosts.yaml'),
      join(DEFAULT_CONFIG_DIR, 'schema', 'browser-hosts.schema.json'),
    );
    expect(hosts.some((h) => h.host === 'clients2.google.com')).toBe(true);
  });
});
