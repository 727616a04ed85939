// Whether a value is shaped like a person's name: 2-4 Han characters beginning with a Chinese surname
// (config/chinese-surnames.yaml), not an organisation; or two or three capitalised Latin words
// ("Peter Gibbons"). Where a field name says "name" the shape decides. Without one, only a Chinese name
// that is no ordinary word (config/chinese-common-words.yaml: 余额, 高级会员) is reported, at a confidence
// no rule relies on alone: a name under a field nobody expected (GrowingIO's textValue) is seen, not judged.

import { join } from 'node:path';
import { DEFAULT_CONFIG_DIR, loadCatalogFile } from '../../core/catalog-loader.ts';
import type { TextDetector } from './text-detector.ts';

let surnames: Set<string> | undefined;
let commonWords: Set<string> | undefined;

function surnameSet(): Set<string> {
  surnames ??= new Set(
    loadCatalogFile<string[]>(join(DEFAULT_CONFIG_DIR, 'chinese-surnames.yaml'), join(DEFAULT_CONFIG_DIR, 'schema', 'chinese-surnames.schema.json')).flat(),
  );
  return surnames;
}

/** Endings of organisations and places, which also begin with surname characters (王府井, 黄山市, 中国银行). */
const NOT_A_PERSON = /(公司|集团|银行|商店|店|局|院|所|部|中心|大学|学校|医院|市|省|县|区|镇|村|路|街|山|河|湖|科技|有限)$/u;

/** A surname and a title is how someone is addressed (李总, 李部长, 王老师), not their name. */
const TITLE = /(总|部长|经理|老师|先生|女士|小姐|总监|主任|医生|师傅|老板|处长|科长|局长|董事长|总经理|教授|律师|阿姨)$/u;

export function isChineseName(v: string): boolean {
  const t = v.trim();
  if (!/^\p{Script=Han}{2,4}(?:·\p{Script=Han}{1,6})?$/u.test(t) || NOT_A_PERSON.test(t) || TITLE.test(t)) return false;
  const set = surnameSet();
  return set.has(t.slice(0, 2)) || set.has(t[0]!);
}

function commonWordSet(): Set<string> {
  commonWords ??= new Set(
    loadCatalogFile<string[]>(join(DEFAULT_CONFIG_DIR, 'chinese-common-words.yaml'), join(DEFAULT_CONFIG_DIR, 'schema', 'chinese-common-words.schema.json')).flat(),
  );
  return commonWords;
}

/**
 * Without a name field, only the hundred most common surnames count (the list is in ranking order): rarer
 * ones are mostly everyday characters (时, 包, 应, 管) that begin fragments of sentences and labels.
 */
const SHAPE_ONLY_SURNAMES = 100;
let commonSurnames: Set<string> | undefined;

function commonSurnameFirst(t: string): boolean {
  commonSurnames ??= new Set(
    loadCatalogFile<string[]>(join(DEFAULT_CONFIG_DIR, 'chinese-surnames.yaml'), join(DEFAULT_CONFIG_DIR, 'schema', 'chinese-surnames.schema.json'))[0]!.slice(0, SHAPE_ONLY_SURNAMES),
  );
  return commonSurnames.has(t[0]!);
}

/** The value is a word (余额), or begins with one that is no compound surname (黄金会员, 王者荣耀). */
export function isOrdinaryWord(t: string): boolean {
  if (!/^\p{Script=Han}{2,}$/u.test(t)) return false;
  const words = commonWordSet();
  if (words.has(t)) return true;
  const head = t.slice(0, 2);
  return t.length >= 3 && words.has(head) && !surnameSet().has(head);
}

/** Below the rules' floor (MIN_CONFIDENCE 0.6): the shape alone is reported, never a finding by itself. */
const SHAPE_ONLY_CONFIDENCE = 0.5;

export const chineseNameDetector: TextDetector = {
  id: 'format:chinese-name',
  piType: 'real_name',
  mayHold: (p, text) => p.wide && p.digits === 0 && text.length >= 2 && text.length <= 12,
  scan(text) {
    const t = text.trim();
    if (!isChineseName(t) || !commonSurnameFirst(t) || isOrdinaryWord(t)) return [];
    return [{ value: t, evidence: 'a common Chinese surname and a given name, no ordinary word (no field name says so)', confidence: SHAPE_ONLY_CONFIDENCE }];
  },
};

const LATIN_WORD = /^\p{Lu}[\p{Ll}'’-]{1,20}$/u;

/** Organisations written like names: British Airways, Acme Inc, City Hospital. */
const LATIN_ORGANISATION = /\b(?:Inc|Ltd|LLC|GmbH|Corp|Co|Company|Airlines?|Airways|Air|Bank|Group|Hotels?|Hospital|Clinic|University|College|School|Technologies|Systems|Services|Store|Shop)\.?$/;

export function isLatinName(v: string): boolean {
  const words = v.trim().split(/\s+/);
  return words.length >= 2 && words.length <= 3 && words.every((w) => LATIN_WORD.test(w)) && !LATIN_ORGANISATION.test(v.trim());
}

export const isPersonalName = (v: string): boolean => isChineseName(v) || isLatinName(v);
