// Whether a value is shaped like a person's name: 2-4 Han characters beginning with a Chinese surname
// (config/chinese-surnames.yaml), not an organisation; or two or three capitalised Latin words
// ("Peter Gibbons"). Used only where a field name already says "name": alone the shape proves nothing.

import { join } from 'node:path';
import { DEFAULT_CONFIG_DIR, loadCatalogFile } from '../../core/catalog-loader.ts';

let surnames: Set<string> | undefined;

function surnameSet(): Set<string> {
  surnames ??= new Set(
    loadCatalogFile<string[]>(join(DEFAULT_CONFIG_DIR, 'chinese-surnames.yaml'), join(DEFAULT_CONFIG_DIR, 'schema', 'chinese-surnames.schema.json')).flat(),
  );
  return surnames;
}

/** Endings of organisations and places, which also begin with surname characters (王府井, 黄山市, 中国银行). */
const NOT_A_PERSON = /(公司|集团|银行|商店|店|局|院|所|部|中心|大学|学校|医院|市|省|县|区|镇|村|路|街|山|河|湖|科技|有限)$/u;

export function isChineseName(v: string): boolean {
  const t = v.trim();
  if (!/^\p{Script=Han}{2,4}(?:·\p{Script=Han}{1,6})?$/u.test(t) || NOT_A_PERSON.test(t)) return false;
  const set = surnameSet();
  return set.has(t.slice(0, 2)) || set.has(t[0]!);
}

const LATIN_WORD = /^\p{Lu}[\p{Ll}'’-]{1,20}$/u;

export function isLatinName(v: string): boolean {
  const words = v.trim().split(/\s+/);
  return words.length >= 2 && words.length <= 3 && words.every((w) => LATIN_WORD.test(w));
}

export const isPersonalName = (v: string): boolean => isChineseName(v) || isLatinName(v);
