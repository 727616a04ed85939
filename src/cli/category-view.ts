// The categories listing: each category with its necessary PI items labelled and the PI types that count
// as them, as a table or a detail view.

import type { Catalogs, Category } from '../core/catalog.ts';
import { necessarySlugsFor, piTypesForVocabulary } from '../core/catalog-loader.ts';

export type Lang = 'zh' | 'en';

const NO_PI = { zh: '无须个人信息', en: 'no PI needed' };

/** One necessary item with its labels and the PI types analysis reports for it. */
export interface NecessaryItemView {
  piType: string;
  zh: string;
  en: string;
  subject?: string;
  condition?: string;
  note?: string;
  /** Slugs of pi-types.yaml that count as this item (the slug itself and the types satisfying it). */
  countedAs: string[];
}

export interface CategoryView extends Omit<Category, 'necessaryPi'> {
  necessaryPi: NecessaryItemView[];
  /** Every PI-type slug that counts as necessary for the category. */
  necessaryPiTypes: string[];
}

export function categoryView(catalogs: Catalogs, category: Category): CategoryView {
  return {
    ...category,
    necessaryPi: category.necessaryPi.map((item) => {
      const types = piTypesForVocabulary(catalogs, item.piType);
      const own = types.find((t) => t.slug === item.piType);
      return {
        ...item,
        en: own ? own.en : humanise(item.piType),
        countedAs: types.map((t) => t.slug),
      };
    }),
    necessaryPiTypes: [...necessarySlugsFor(catalogs, category.slug)].sort(),
  };
}

function itemLabels(v: CategoryView, lang: Lang): string {
  if (v.noPiNeeded) return `${NO_PI.zh} / ${NO_PI.en}`;
  // the text lists role-specific items separately (buyer's and seller's name): show each label once
  return [...new Set(v.necessaryPi.map((i) => i[lang]))].join(lang === 'zh' ? '、' : ', ');
}

export function renderTable(views: CategoryView[], lang: Lang): string {
  const rows = [
    ['id', 'slug', '类型', 'category', lang === 'zh' ? '必要个人信息' : 'necessary PI'],
    ...views.map((v) => [String(v.id), v.slug, v.zh, v.en, itemLabels(v, lang)]),
  ];
  const widths = rows[0]!.map((_, col) => Math.max(...rows.map((r) => displayWidth(r[col]!))));
  return rows
    .map((r) => r.map((cell, col) => (col === r.length - 1 ? cell : pad(cell, widths[col]!, col === 0))).join('  '))
    .join('\n');
}

export function renderDetail(v: CategoryView, lang: Lang): string {
  const lines = [
    `#${v.id} ${v.slug}  ${v.zh} / ${v.en}`,
    `basic function: ${v.basicFunction.zh} / ${v.basicFunction.en}`,
  ];
  if (v.noPiNeeded) lines.push(`necessary PI: ${NO_PI.zh} / ${NO_PI.en}`);
  else {
    lines.push('necessary PI (国信办秘字〔2021〕14号 Art. 5):');
    for (const i of v.necessaryPi) {
      const extra = [
        i.subject && `subject: ${i.subject}`,
        i.condition && `condition: ${i.condition}`,
        i.note && `note: ${i.note}`,
      ].filter(Boolean);
      const label = lang === 'zh' ? i.zh : `${i.en} (${i.zh})`;
      lines.push(`  - ${label}  [${i.piType}${i.countedAs.join(',') === i.piType ? '' : ` = ${i.countedAs.join(' | ')}`}]`);
      if (extra.length) lines.push(`      ${extra.join('; ')}`);
    }
    lines.push(`PI types counted as necessary: ${v.necessaryPiTypes.join(', ')}`);
  }
  if (v.note) lines.push(`note: ${v.note}`);
  return lines.join('\n');
}

/** English label of a vocabulary slug no PI type carries (consignee_name -> Consignee name). */
function humanise(slug: string): string {
  const words = slug.split('_').map((w) => (w === 'id' ? 'ID' : w));
  return [words[0]!.charAt(0).toUpperCase() + words[0]!.slice(1), ...words.slice(1)].join(' ');
}

/** Terminal columns of a string: CJK and full-width characters take two. */
function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(ch) ? 2 : 1;
  return w;
}

function pad(s: string, width: number, right: boolean): string {
  const fill = ' '.repeat(Math.max(0, width - displayWidth(s)));
  return right ? fill + s : s + fill;
}
