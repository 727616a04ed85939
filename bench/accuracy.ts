// Precision and recall of PI detection over the labelled corpus (test/fixtures/corpus/*.yaml), per PI
// type and overall. Run: npx tsx bench/accuracy.ts [config-dir]

import { loadCatalogs } from '../src/core/catalog-loader.ts';
import { evaluateCorpus } from '../test/fixtures/corpus/evaluate.ts';
import { precision, recall } from '../test/fixtures/corpus/materialise.ts';

const catalogs = loadCatalogs(process.argv[2]);
const r = await evaluateCorpus(catalogs);
const pct = (x: number): string => (x * 100).toFixed(1).padStart(6);
console.log(`corpus: ${r.cases} cases, analysed in ${r.ms.toFixed(0)} ms`);
console.log(`${'PI type'.padEnd(20)} ${'TP'.padStart(4)} ${'FP'.padStart(4)} ${'FN'.padStart(4)} precision  recall`);
for (const [t, s] of [...r.perType].sort(([a], [b]) => a.localeCompare(b))) {
  console.log(`${t.padEnd(20)} ${String(s.tp).padStart(4)} ${String(s.fp).padStart(4)} ${String(s.fn).padStart(4)}    ${pct(precision(s))}  ${pct(recall(s))}`);
}
const o = r.overall;
console.log(`${'OVERALL'.padEnd(20)} ${String(o.tp).padStart(4)} ${String(o.fp).padStart(4)} ${String(o.fn).padStart(4)}    ${pct(precision(o))}  ${pct(recall(o))}`);
for (const e of r.errors) console.log(`  ${e.kind.padEnd(6)} ${e.caseId}: ${e.piType} at ${e.path}${e.detector ? ` (${e.detector})` : ''}`);
for (const id of r.missingNotes) console.log(`  note missing: ${id}`);
