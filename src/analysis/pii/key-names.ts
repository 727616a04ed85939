// Field names that reveal a PI type (config/pi-types.yaml `keys`, in English, Chinese and pinyin).

import type { Catalogs } from '../../core/catalog.ts';
import { normaliseKey } from '../../core/catalog-loader.ts';
import type { Leaf } from '../decode/leaf.ts';
import type { Detection } from './detection.ts';
import { isEmptyish, VALUE_SHAPES } from './value-shapes.ts';

/** Words that only say whose field it is: userPhone is a phone, myIdCard an ID number. */
const OWNER_PREFIXES = ['user', 'usr', 'u', 'my', 'self', 'member', 'customer', 'cust', 'applicant', 'person', 'personal', 'owner', 'real'];

/** Groups whose types are recognised from the bytes (faces, ID-card photos), never from a name alone. */
const MEDIA_GROUPS = new Set(['biometric', 'document']);

export interface KeyIndex {
  bySlugKey: Map<string, string>;
  mediaSlugs: Set<string>;
  /** Field names repeat across flows: each is looked up once (bounded). */
  memo: Map<string, { slug: string; matched: string } | null>;
}

const MEMO_LIMIT = 50_000;

export function buildKeyIndex(catalogs: Pick<Catalogs, 'piTypes'>): KeyIndex {
  const bySlugKey = new Map<string, string>();
  const mediaSlugs = new Set<string>();
  for (const t of catalogs.piTypes) {
    if (MEDIA_GROUPS.has(t.group)) mediaSlugs.add(t.slug);
    for (const k of t.keys ?? []) {
      const n = normaliseKey(k);
      if (n && !bySlugKey.has(n)) bySlugKey.set(n, t.slug);
    }
  }
  return { bySlugKey, mediaSlugs, memo: new Map() };
}

/** camelCase, snake_case and kebab-case words of a field name, lower case. */
function words(key: string): string[] {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[\s_.\-]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
}

/** The PI type a field name names, and the form of the name that matched. */
export function piTypeForKey(index: KeyIndex, key: string): { slug: string; matched: string } | undefined {
  const memo = index.memo.get(key);
  if (memo !== undefined) return memo ?? undefined;
  const found = lookUp(index, key);
  if (index.memo.size >= MEMO_LIMIT) index.memo.clear();
  index.memo.set(key, found ?? null);
  return found;
}

function lookUp(index: KeyIndex, key: string): { slug: string; matched: string } | undefined {
  const whole = normaliseKey(key);
  const direct = index.bySlugKey.get(whole);
  if (direct) return { slug: direct, matched: whole };
  const w = words(key);
  let i = 0;
  while (i < w.length - 1 && OWNER_PREFIXES.includes(w[i]!)) {
    i++;
    const rest = w.slice(i).join('');
    const slug = index.bySlugKey.get(rest);
    if (slug) return { slug, matched: rest };
  }
  return undefined;
}

export function detectByKey(index: KeyIndex, leaf: Leaf, valueText: string): Detection[] {
  // Items of a named list are covered by the list's own detection ("app_list": [...] once, not per item).
  if (leaf.key === undefined || leaf.item) return [];
  const hit = piTypeForKey(index, leaf.key);
  if (!hit || index.mediaSlugs.has(hit.slug)) return [];
  const shape = VALUE_SHAPES[hit.slug];
  const binary = typeof leaf.value !== 'string';
  const container = leaf.items !== undefined;
  // A file under a named field (a labour contract scan) is that type; a number-shaped type is not a file.
  if ((binary || container) && shape) return [];
  if (!binary && !container && isEmptyish(valueText)) return [];
  if (!binary && !container && valueText.length > 2000) return [];
  const evidence = `field name "${leaf.key}" names ${hit.slug} (catalog key "${hit.matched}")`;
  if (binary || container || !shape) {
    return [{ piType: hit.slug, value: valueText, detector: 'key-name', evidence, confidence: 0.75 }];
  }
  if (shape.strict?.(valueText)) {
    return [{ piType: hit.slug, value: valueText.trim(), detector: 'key-name+format', evidence: `${evidence}; value has the ${hit.slug} format`, confidence: 0.95 }];
  }
  if (shape.loose?.(valueText)) {
    return [{ piType: hit.slug, value: valueText.trim(), detector: 'key-name', evidence: `${evidence}; value is shaped like one`, confidence: 0.75 }];
  }
  return [];
}
