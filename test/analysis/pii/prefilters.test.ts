// The cheap gates that let a leaf skip a detector, and the path reader every leaf goes through: both
// are speed-only and must give the answers of the slow way.

import { describe, expect, it } from 'vitest';
import { addressDetector } from '../../../src/analysis/pii/address.ts';
import { bankCardDetector } from '../../../src/analysis/pii/bank-card.ts';
import { coordinateStringDetector } from '../../../src/analysis/pii/coordinates.ts';
import { emailDetector } from '../../../src/analysis/pii/email.ts';
import { imeiDetector } from '../../../src/analysis/pii/imei.ts';
import { lastKeyOf } from '../../../src/analysis/pii/key-names.ts';
import { licencePlateDetector } from '../../../src/analysis/pii/licence-plate.ts';
import { macDetector } from '../../../src/analysis/pii/mac.ts';
import { mobileDetector } from '../../../src/analysis/pii/mobile.ts';
import { residentIdDetector } from '../../../src/analysis/pii/resident-id.ts';
import { profileOf, type TextDetector } from '../../../src/analysis/pii/text-detector.ts';
import { vinDetector } from '../../../src/analysis/pii/vin.ts';

const POSITIVES: Array<[TextDetector, string]> = [
  [residentIdDetector, '44030419900307123X'],
  [mobileDetector, '13912345678'],
  [mobileDetector, '+86 139 1234 5678'],
  [emailDetector, 'xiaoming.li@example.cn'],
  [macDetector, '3c:22:fb:12:34:56'],
  [imeiDetector, '861234567890127'],
  [licencePlateDetector, '粤B12345'],
  [bankCardDetector, '6222 0212 3456 7890 128'],
  [vinDetector, '1M8GDM9AXKP042788'],
  [addressDetector, '广东省深圳市南山区科技园路18号'],
  [coordinateStringDetector, '22.543096,114.057865'],
];

// Deterministic noise around the values: digits, letters, Han, separators, whitespace.
const NOISE = ['', ' ', '  ', 'id=', '电话', ',', ';', '\n', 'x', '9', '：', '"', '-', '@', 'é'];

function* contexts(value: string): Generator<string> {
  for (const before of NOISE) for (const after of NOISE) yield `${before}${value}${after}`;
}

describe('detector gates (mayHold)', () => {
  it('each known value is found, and its gate lets it through', () => {
    for (const [d, value] of POSITIVES) {
      expect(d.scan(value).length, `${d.id} finds ${value}`).toBeGreaterThan(0);
      expect(d.mayHold?.(profileOf(value), value) ?? true, `${d.id} gate on ${value}`).toBe(true);
    }
  });

  it('never rejects a text the full scan would match', () => {
    let matched = 0;
    for (const [d, value] of POSITIVES) {
      for (const text of contexts(value)) {
        if (d.scan(text).length === 0) continue;
        matched++;
        expect(d.mayHold?.(profileOf(text), text) ?? true, `${d.id} gate on ${JSON.stringify(text)}`).toBe(true);
      }
    }
    expect(matched).toBeGreaterThan(POSITIVES.length * 20);
  });

  it('rejects texts that cannot hold the format', () => {
    const gate = (d: TextDetector, t: string): boolean => d.mayHold!(profileOf(t), t);
    expect(gate(mobileDetector, 'abc1234567')).toBe(false);
    expect(gate(residentIdDetector, '1700000000000')).toBe(false);
    expect(gate(licencePlateDetector, 'B12345')).toBe(false);
    expect(gate(emailDetector, 'user at example.cn')).toBe(false);
    expect(gate(bankCardDetector, '622202123456789')).toBe(false);
  });

  it('profiles count digits and wide characters', () => {
    expect(profileOf('a1b22 三')).toEqual({ digits: 3, wide: true });
    expect(profileOf('')).toEqual({ digits: 0, wide: false });
  });
});

describe('lastKeyOf', () => {
  // The definition the fast reader must agree with.
  const LAST_KEY = /(?:^|\.)([^.[\]]+)(?:\[[^\]]*\])*$/;

  it('reads the field name of common and unusual paths as the definition does', () => {
    const paths = ['body.device', 'x[0]', 'body.events[12].props', 'a.b[0][1]', 'body["a.b"]', 'a[x.y]', 'a[x].b', '.a[aa.x[0]', 'a[x.y]b', '@[x.b[]', 'body[multipart:photo]', 'a.', ']', 'query.q@attr'];
    for (const p of paths) expect(lastKeyOf(p), p).toBe(LAST_KEY.exec(p)?.[1]);
    expect(lastKeyOf('body.events[12].props')).toBe('props');
    expect(lastKeyOf(undefined)).toBeUndefined();
  });

  it('agrees with the definition on random paths', () => {
    // A fixed-seed generator: the same paths every run.
    let seed = 7;
    const next = (n: number): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const alphabet = ['a', 'b', '.', '[', ']', '0', '"', '@', 'x'];
    for (let i = 0; i < 20_000; i++) {
      let p = '';
      for (let n = 1 + next(14); n > 0; n--) p += alphabet[next(alphabet.length)];
      expect(lastKeyOf(p), p).toBe(LAST_KEY.exec(p)?.[1]);
    }
  });
});
