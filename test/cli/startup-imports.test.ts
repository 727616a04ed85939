// `privlab --help` must start fast (bench:startup measures it): what the CLI loads before a command's
// action runs may reach only commander among the npm packages. Heavy parts (the proxy, image decoding,
// catalogs and their schema validation, Android, reports) are imported inside the actions.

import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const MAIN = resolve(import.meta.dirname, '../../src/cli/main.ts');
const ALLOWED_PACKAGES = ['commander'];

/** Each module statically reachable from `entry` (type-only imports erased, as tsc emits them) with its importer. */
function staticGraph(entry: string): Map<string, string> {
  const from = new Map<string, string>([[entry, '']]);
  const queue = [entry];
  while (queue.length) {
    const file = queue.shift()!;
    const js = ts.transpileModule(readFileSync(file, 'utf8'), {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
      fileName: file,
    }).outputText;
    for (const m of js.matchAll(/^\s*(?:import|export)\b[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]|^\s*import\s*['"]([^'"]+)['"]/gm)) {
      const spec = (m[1] ?? m[2])!;
      const key = spec.startsWith('.') ? resolve(dirname(file), spec) : spec;
      if (from.has(key)) continue;
      from.set(key, file);
      if (spec.startsWith('.')) queue.push(key);
    }
  }
  return from;
}

describe('privlab start-up', () => {
  it('loads no npm package but commander before a command runs', () => {
    const graph = staticGraph(MAIN);
    const chain = (key: string): string => {
      const path: string[] = [];
      for (let k: string | undefined = key; k; k = graph.get(k)) path.unshift(k.replace(`${resolve(MAIN, '../../..')}/`, ''));
      return path.join(' -> ');
    };
    const heavy = [...graph.keys()]
      .filter((k) => !k.startsWith('/') && !k.startsWith('node:'))
      .filter((pkg) => !ALLOWED_PACKAGES.includes(pkg))
      .map(chain);
    expect(heavy, 'import these inside the command action (await import(...)) instead').toEqual([]);
  });
});
