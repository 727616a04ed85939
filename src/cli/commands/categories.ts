// `privlab categories`: the 39 app categories and the personal information each needs, as a table or JSON.

import { Option, type Command } from 'commander';
import type { Lang } from '../category-view.ts';

export function register(program: Command): void {
  program
    .command('categories')
    .description(
      'List the 39 app categories of 国信办秘字〔2021〕14号 Art. 5 with the personal information each one\'s basic function needs ' +
        '(the baseline findings are measured against). With a slug, show that category in detail, including the PI types counted as necessary.',
    )
    .argument('[slug]', 'category slug to show in detail, e.g. marriage_dating')
    .option('--json', 'print JSON instead of a table: an array of categories, or one category when a slug is given')
    .addOption(new Option('--lang <lang>', 'language of the necessary-PI labels in the table').choices(['zh', 'en']).default('zh'))
    .option('--config-dir <dir>', "catalog directory holding categories.yaml, pi-types.yaml, ... (default: the repository's config/)")
    .action(async (slug: string | undefined, opts: { json?: boolean; lang: Lang; configDir?: string }) => {
      const { findCategory, loadCatalogs } = await import('../../core/catalog-loader.ts');
      const { categoryView, renderDetail, renderTable } = await import('../category-view.ts');
      const catalogs = loadCatalogs(opts.configDir);
      const chosen = slug ? [findCategory(catalogs, slug)] : catalogs.categories;
      const views = chosen.map((c) => categoryView(catalogs, c));
      const out = opts.json
        ? JSON.stringify(slug ? views[0] : views, null, 2)
        : slug
          ? renderDetail(views[0]!, opts.lang)
          : renderTable(views, opts.lang);
      process.stdout.write(out + '\n');
    });
}
