// How often ordinary Chinese text is taken for a person's name when no field names it: the distinct runs of
// 2-4 Chinese characters in translated software messages, and how many of them the Chinese-name detector
// reports. Sources: TypeScript's zh-cn diagnostics (in node_modules after npm ci) and, where the machine has
// them, the zh_CN gettext catalogs under /usr/share/locale. None of these texts holds a person's name, so every
// run reported is a false positive (reported below the rules' confidence floor: evidence, never a finding alone).
// Run: npx tsx bench/chinese-names.ts [more .mo or .json files]

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { chineseNameDetector, isChineseName } from '../src/analysis/pii/personal-name.ts';

const LOCALE_DIR = '/usr/share/locale/zh_CN/LC_MESSAGES';
/** Catalogs of place names hold real toponyms that look like names by design: not ordinary text. */
const GEOGRAPHIC = /^iso_/;

/** The translated strings of a GNU .mo catalog (little- or big-endian, as its magic number says). */
function moStrings(file: string): string[] {
  const b = readFileSync(file);
  const magic = b.readUInt32LE(0);
  const le = magic === 0x950412de;
  if (!le && magic !== 0xde120495) throw new Error(`${file}: not a GNU .mo catalog (magic ${magic.toString(16)})`);
  const u32 = (at: number): number => (le ? b.readUInt32LE(at) : b.readUInt32BE(at));
  const n = u32(8);
  const table = u32(16);
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const len = u32(table + i * 8);
    const at = u32(table + i * 8 + 4);
    out.push(b.subarray(at, at + len).toString('utf8'));
  }
  return out;
}

function jsonStrings(file: string): string[] {
  return Object.values(JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>).filter((v): v is string => typeof v === 'string');
}

function sources(extra: string[]): Array<{ name: string; texts: string[] }> {
  const out: Array<{ name: string; texts: string[] }> = [];
  const require = createRequire(import.meta.url);
  const ts = path.join(path.dirname(require.resolve('typescript/package.json')), 'lib', 'zh-cn', 'diagnosticMessages.generated.json');
  out.push({ name: 'TypeScript zh-cn diagnostics', texts: jsonStrings(ts) });
  if (existsSync(LOCALE_DIR)) {
    const files = readdirSync(LOCALE_DIR).filter((f) => f.endsWith('.mo') && !GEOGRAPHIC.test(f));
    out.push({ name: `${files.length} zh_CN gettext catalogs (${LOCALE_DIR}, iso_* left out)`, texts: files.flatMap((f) => moStrings(path.join(LOCALE_DIR, f))) });
  }
  for (const f of extra) out.push({ name: f, texts: f.endsWith('.mo') ? moStrings(f) : jsonStrings(f) });
  return out;
}

const HAN_RUN = /\p{Script=Han}+/gu;
const all = new Set<string>();
for (const s of sources(process.argv.slice(2))) {
  const runs = new Set(s.texts.flatMap((t) => t.match(HAN_RUN) ?? []).filter((r) => r.length >= 2 && r.length <= 4));
  runs.forEach((r) => all.add(r));
  console.log(`${s.name}: ${s.texts.length} strings, ${runs.size} distinct 2-4 character runs`);
}
const runs = [...all];
const shaped = runs.filter((r) => isChineseName(r));
const reported = runs.filter((r) => chineseNameDetector.scan(r).length > 0);
const pct = (n: number): string => ((n / runs.length) * 100).toFixed(2);
console.log(`distinct runs ${runs.length}; surname first ${shaped.length} (${pct(shaped.length)} %); reported as names ${reported.length} (${pct(reported.length)} %)`);
console.log(`reported: ${reported.slice(0, 60).join(' ')}${reported.length > 60 ? ' ...' : ''}`);
