import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { luhnValid, realPastDate, residentIdChecksumValid } from '../../../src/analysis/pii/checksums.ts';
import { coordinatePairs, coordinateStringDetector } from '../../../src/analysis/pii/coordinates.ts';
import { PiDetector } from '../../../src/analysis/pii/detect-leaf.ts';
import { emailDetector } from '../../../src/analysis/pii/email.ts';
import { ipTextDetector } from '../../../src/analysis/pii/ip-text.ts';
import { internationalPhoneDetector } from '../../../src/analysis/pii/mobile.ts';
import { imeiDetector } from '../../../src/analysis/pii/imei.ts';
import { buildKeyIndex, matchKey, type KeyMatch } from '../../../src/analysis/pii/key-names.ts';
import { vocabularyFor } from '../../../src/analysis/pii/vocabulary.ts';
import { licencePlateDetector } from '../../../src/analysis/pii/licence-plate.ts';
import { macDetector } from '../../../src/analysis/pii/mac.ts';
import { mobileDetector } from '../../../src/analysis/pii/mobile.ts';
import { personaMatcher } from '../../../src/analysis/pii/persona.ts';
import { residentIdDetector } from '../../../src/analysis/pii/resident-id.ts';
import type { Leaf } from '../../../src/analysis/decode/leaf.ts';
import { testCatalogs } from '../helpers.ts';

const values = (d: { scan(t: string): Array<{ value: string }> }, t: string): string[] => d.scan(t).map((h) => h.value);
const leaf = (key: string | undefined, value: string, extra: Partial<Leaf> = {}): Leaf => ({ path: `body.${key}`, key, parent: 'body', value, chain: ['json'], location: 'body', ...extra });

describe('validated formats', () => {
  it('checksums', () => {
    expect(luhnValid('6222021234567890128')).toBe(true);
    expect(luhnValid('6222021234567890120')).toBe(false);
    expect(residentIdChecksumValid('11010519491231002X')).toBe(true);
    expect(residentIdChecksumValid('110105194912310021')).toBe(false);
    expect(realPastDate(2023, 2, 29)).toBe(false);
    expect(realPastDate(2024, 2, 29)).toBe(true);
  });

  it('mobile numbers: +86 forms yes, longer digit runs, decimals and uniform numbers no', () => {
    expect(values(mobileDetector, '电话13912345678。')).toEqual(['13912345678']);
    expect(values(mobileDetector, 'tel:+86 13912345678')).toEqual(['+86 13912345678']);
    expect(values(mobileDetector, '139123456789 0.13912345678 17000000000 12912345678 abc13912345678')).toEqual([]);
  });

  it('resident ID: region, real birth date and check character', () => {
    expect(values(residentIdDetector, 'id=11010519491231002X;')).toEqual(['11010519491231002X']);
    expect(values(residentIdDetector, '110105194912310021')).toEqual([]); // bad check
    expect(values(residentIdDetector, '990105194912310027')).toEqual([]); // no such region
    expect(values(residentIdDetector, '110105199002300021')).toEqual([]); // 30 February
  });

  it('email, MAC, IMEI, plates and coordinate strings', () => {
    expect(values(emailDetector, 'mail a.b@example.cn now')).toEqual(['a.b@example.cn']);
    expect(values(emailDetector, 'img/icon@2x.png')).toEqual([]);
    // The user part of a link (a Sentry DSN, a proxy login) is no mailbox; a mailto: link and an address in a path are.
    expect(values(emailDetector, "dsn='https://4f8a:9b1c@sentry.io/1'")).toEqual([]);
    expect(values(emailDetector, 'mailto:ann@example.cn https://x.example/u/bob@example.cn')).toEqual(['ann@example.cn', 'bob@example.cn']);
    expect(values(internationalPhoneDetector, '+1-234-567-8901')).toEqual(['+1-234-567-8901']);
    expect(values(internationalPhoneDetector, '+44 (20) 7946 0958')).toEqual(['+44 (20) 7946 0958']);
    // No plus, a zero country code, a version or too few digits: no international number.
    expect(['1-234-567-8901', '+0-234-567-8901', '+1.2.3', '+12 34'].flatMap((t) => values(internationalPhoneDetector, t))).toEqual([]);
    expect(values(emailDetector, 'zhanxxxxx@a.com')).toEqual([]);
    expect(values(ipTextDetector, 'The IP 1.2.3.4 has just been banned')).toEqual(['1.2.3.4']);
    expect(values(ipTextDetector, '客户端IP地址：203.0.113.9')).toEqual(['203.0.113.9']);
    // A version or an address nobody calls an IP is left alone; so are loopback and out-of-range quads.
    expect(values(ipTextDetector, 'build 10.0.19041.1 on 8.8.8.8 (ip 127.0.0.1, IP 300.1.1.1)')).toEqual([]);
    expect(values(macDetector, 'mac=3c:91:80:12:ab:cd')).toEqual(['3c:91:80:12:ab:cd']);
    expect(values(macDetector, '02:00:00:00:00:00 12:30:45')).toEqual([]);
    expect(values(imeiDetector, '861234567890127')).toEqual(['861234567890127']);
    expect(values(imeiDetector, '861234567890128')).toEqual([]);
    expect(values(imeiDetector, '123456789012347')).toEqual([]); // Luhn ok, no IMEI prefix
    expect(values(licencePlateDetector, '车牌粤B12345，')).toEqual(['粤B12345']);
    expect(values(licencePlateDetector, '粤BANANA')).toEqual([]);
    expect(values(coordinateStringDetector, '113.943260,22.540503')).toHaveLength(1);
    expect(values(coordinateStringDetector, '1.5,2.5')).toEqual([]);
  });

  it('pairs sibling latitude and longitude fields only when precise and in range', () => {
    const pairs = coordinatePairs([leaf('lat', '22.540503'), leaf('lng', '113.943260'), { ...leaf('latitude', '91.12345'), parent: 'body.x' }, { ...leaf('lon', '1.123'), parent: 'body.x' }], vocabularyFor(testCatalogs()));
    expect(pairs.map((p) => p.parent)).toEqual(['body']);
  });
});

describe('key names (config/pi-types.yaml keys)', () => {
  const catalogs = testCatalogs();
  const index = buildKeyIndex(catalogs);
  const detector = new PiDetector(catalogs);
  const slugOf = (m: KeyMatch | undefined): string | undefined => (m && m.how !== 'family' ? m.slug : undefined);
  const piTypeForKey = (_: unknown, key: string, parent?: string): { slug: string } | undefined => {
    const s = slugOf(matchKey(index, key, parent));
    return s ? { slug: s } : undefined;
  };

  it('normalises case and separators, Chinese and pinyin, and strips owner prefixes', () => {
    expect(piTypeForKey(index, 'idCardNo')?.slug).toBe('id_number');
    expect(piTypeForKey(index, 'ID-CARD-NO')?.slug).toBe('id_number');
    expect(piTypeForKey(index, '手机号')?.slug).toBe('phone_number');
    expect(piTypeForKey(index, 'shoujihao')?.slug).toBe('phone_number');
    expect(piTypeForKey(index, 'userPhone')?.slug).toBe('phone_number');
    expect(piTypeForKey(index, 'phoneType')).toBeUndefined();
    expect(piTypeForKey(index, 'requestId')).toBeUndefined();
  });

  it('a key with an empty, boolean or placeholder value does not count', () => {
    for (const v of ['', 'true', 'false', 'null', '0', '00000000-0000-0000-0000-000000000000']) {
      expect(detector.detectLeaf(leaf('education', v))).toEqual([]);
    }
    expect(detector.detectLeaf(leaf('mobile', '1'))).toEqual([]);
    expect(detector.detectLeaf(leaf('idfa', 'not-a-uuid'))).toEqual([]);
    expect(detector.detectLeaf(leaf('education', '本科')).map((d) => d.piType)).toEqual(['education']);
  });

  it('key plus a matching format is stronger evidence than the key alone', () => {
    const [d] = detector.detectLeaf(leaf('android_id', '9f3b2c1d4e5a6b7c'));
    expect(d).toMatchObject({ piType: 'android_id', detector: 'key-name+format' });
    expect(d!.evidence).toMatch(/android_id/);
  });

  it('names of media types are left to media inspection', () => {
    expect(detector.detectLeaf(leaf('face_image', 'https://cdn/x.jpg'))).toEqual([]);
  });
});

describe("the persona's own values", () => {
  const m = personaMatcher({ name: '李晓明', phone: '13912345678', idNumber: '44030419900307123X', password: 'Secr3t!pw', email: 'x@example.cn', extra: { employer: '星河科技' } });
  const hex = (algo: string, s: string) => createHash(algo).update(s).digest('hex');
  const find = (t: string) => m.match(t).map((d) => `${d.piType}:${d.detector}`);

  it('finds them plain, URL-encoded, base64, hex and hashed in either case', () => {
    expect(find('13912345678')).toEqual(['phone_number:persona:plain']);
    expect(find('+8613912345678')).toEqual(['phone_number:persona:plain']);
    expect(find(encodeURIComponent('李晓明'))).toEqual(['real_name:persona:url-encoded']);
    expect(find(Buffer.from('13912345678').toString('base64'))).toEqual(['phone_number:persona:base64']);
    expect(find(Buffer.from('13912345678').toString('hex').toUpperCase())).toEqual(['phone_number:persona:hex']);
    expect(find(hex('md5', '13912345678').toUpperCase())).toEqual(['phone_number:persona:md5, upper case']);
    expect(find(`x=${hex('sha256', '44030419900307123X')}`)).toEqual(['id_number:persona:sha256']);
    expect(find(hex('sha1', 'x@example.cn'))).toEqual(['email:persona:sha1']);
    expect(find('雇主: 星河科技')).toEqual(['employer:persona:plain']);
  });

  it('needs word boundaries, and secrets only as a whole value', () => {
    expect(find('139123456789')).toEqual([]);
    expect(find('李晓明明')).toEqual([]);
    expect(find('Secr3t!pw')).toEqual(['password:persona:plain']);
    expect(find('xSecr3t!pwx')).toEqual([]);
    expect(find(hex('md5', '13912345679'))).toEqual([]);
  });
});
