import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { CategoryView } from '../../src/cli/category-view.ts';
import { register } from '../../src/cli/commands/categories.ts';
import { DEFAULT_CONFIG_DIR } from '../../src/core/catalog-loader.ts';

// A copy of config/ with a fixture regulations.yaml, so this command is tested apart from the rules' clauses.
let configDir: string;
beforeAll(() => {
  configDir = mkdtempSync(join(tmpdir(), 'privlab-categories-cli-'));
  cpSync(DEFAULT_CONFIG_DIR, configDir, { recursive: true });
  writeFileSync(
    join(configDir, 'regulations.yaml'),
    '- {id: c1, instrument: {zh: 规定, en: Provisions}, article: 第四条, title: {zh: 标题, en: Title}, status: in-force, source: test}\n',
  );
});
afterAll(() => rmSync(configDir, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

/** Runs `privlab categories ...args` in-process and returns what it printed. */
async function run(...args: string[]): Promise<string> {
  const program = new Command().exitOverride();
  register(program);
  let out = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  await program.parseAsync(['node', 'privlab', 'categories', '--config-dir', configDir, ...args]);
  vi.restoreAllMocks();
  return out;
}

describe('privlab categories', () => {
  it('--json prints all 39 categories with labelled necessary PI', async () => {
    const views = JSON.parse(await run('--json')) as CategoryView[];
    expect(views).toHaveLength(39);
    expect(views.filter((v) => v.noPiNeeded)).toHaveLength(13);
    const dating = views.find((v) => v.slug === 'marriage_dating')!;
    expect(dating.id).toBe(10);
    expect(dating.necessaryPi.map((i) => i.piType)).toEqual(['phone_number', 'gender', 'age', 'marital_status']);
    expect(dating.necessaryPi[1]).toMatchObject({ zh: '婚恋相亲人的性别', en: 'Gender', countedAs: ['gender'] });
    expect(dating.necessaryPiTypes).toEqual(expect.arrayContaining(['phone_number', 'gender', 'age', 'marital_status']));
    const payment = views.find((v) => v.slug === 'online_payment')!;
    const idItem = payment.necessaryPi.find((i) => i.piType === 'id_type_and_number')!;
    expect(idItem.countedAs).toContain('id_number');
    expect(idItem.en).toBe('ID type and number');
  });

  it('prints a table with one row per category and the no-PI wording for the 13', async () => {
    const text = await run();
    const lines = text.trimEnd().split('\n');
    expect(lines).toHaveLength(40);
    expect(lines[0]).toMatch(/^id\s+slug\s+类型\s+category\s+必要个人信息$/);
    expect(lines.find((l) => /^10 +marriage_dating +婚恋相亲类/.test(l))).toContain('婚恋相亲人的婚姻状况');
    expect(lines.filter((l) => l.endsWith('无须个人信息 / no PI needed'))).toHaveLength(13);
    // the English column starts at the same terminal column on every row, Chinese names being two columns a character
    const views = JSON.parse(await run('--json')) as CategoryView[];
    const columns = (s: string) => [...s].reduce((w, ch) => w + (/\p{Script=Han}/u.test(ch) ? 2 : 1), 0);
    const starts = views.map((v, i) => columns(lines[i + 1]!.slice(0, lines[i + 1]!.indexOf(`  ${v.en}  `) + 2)));
    expect(new Set(starts).size).toBe(1);
  });

  it('--lang en labels the necessary PI in English', async () => {
    const text = await run('--lang', 'en');
    expect(text).toMatch(/marriage_dating .*Mobile phone number, Gender, Age, Marital status/);
    expect(text.split('\n')[0]).toMatch(/necessary PI$/);
  });

  it('shows one category in detail, with the PI types counted as necessary', async () => {
    const text = await run('online_shopping');
    expect(text).toContain('#6 online_shopping  网上购物类 / Online shopping');
    expect(text).toContain('收货人地址  [delivery_address = address]');
    expect(text).toMatch(/PI types counted as necessary: address, payment_info, phone_number, real_name/);
    const one = JSON.parse(await run('--json', 'news')) as CategoryView;
    expect(one).toMatchObject({ id: 30, noPiNeeded: true, necessaryPi: [], necessaryPiTypes: [] });
    expect(await run('news')).toContain('necessary PI: 无须个人信息 / no PI needed');
  });

  it('rejects an unknown slug with suggestions, and an unknown language', async () => {
    await expect(run('dating')).rejects.toThrow(/unknown category "dating"; did you mean marriage_dating\?/);
    await expect(run('--lang', 'fr')).rejects.toThrow(/Allowed choices are zh, en/);
  });

  it('documents every option in its help', () => {
    const program = new Command();
    register(program);
    const help = program.commands.find((c) => c.name() === 'categories')!.helpInformation();
    for (const o of ['--json', '--lang <lang>', '--config-dir <dir>', '[slug]']) expect(help).toContain(o);
  });
});
