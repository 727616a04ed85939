// Precision and recall of PI detection per type: on the own labelled corpus (test/fixtures/corpus, written
// beside the detectors) and on the independent real corpus (bench/corpus/real, traffic nobody here wrote),
// separately; then, per receiver of the real corpus, whether its organisation was named.
// Run: npx tsx bench/accuracy.ts [config-dir]

import { loadCatalogs } from '../src/core/catalog-loader.ts';
import { evaluateCorpus } from '../test/fixtures/corpus/evaluate.ts';
import { precision, recall, type CorpusScore } from '../test/fixtures/corpus/materialise.ts';
import { evaluateRealCorpus } from '../test/fixtures/corpus/real-corpus.ts';

const catalogs = loadCatalogs(process.argv[2]);
const pct = (x: number): string => (x * 100).toFixed(1).padStart(6);

function table(title: string, r: CorpusScore): void {
  console.log(`\n== ${title}`);
  console.log(`${'PI type'.padEnd(22)} ${'TP'.padStart(4)} ${'FP'.padStart(4)} ${'FN'.padStart(4)} precision  recall`);
  for (const [t, s] of [...r.perType].sort(([a], [b]) => a.localeCompare(b))) {
    console.log(`${t.padEnd(22)} ${String(s.tp).padStart(4)} ${String(s.fp).padStart(4)} ${String(s.fn).padStart(4)}    ${pct(precision(s))}  ${pct(recall(s))}`);
  }
  const o = r.overall;
  console.log(`${'OVERALL'.padEnd(22)} ${String(o.tp).padStart(4)} ${String(o.fp).padStart(4)} ${String(o.fn).padStart(4)}    ${pct(precision(o))}  ${pct(recall(o))}`);
  for (const e of r.errors) console.log(`  ${e.kind.padEnd(6)} ${e.caseId}: ${e.piType} at ${e.path}${e.detector ? ` (${e.detector})` : ''}`);
}

const own = await evaluateCorpus(catalogs);
table(`own corpus (test/fixtures/corpus): ${own.cases} cases, analysed in ${own.ms.toFixed(0)} ms`, own);
for (const id of own.missingNotes) console.log(`  note missing: ${id}`);

const real = await evaluateRealCorpus(catalogs);
table(`real corpus (bench/corpus/real): ${real.cases} flows from ${real.sources} repositories, ${real.labels} labels + ${real.negatives} look-alike negatives`, real);
for (const f of real.perFile) {
  console.log(`  ${f.file.padEnd(26)} ${String(f.cases).padStart(3)} flows  TP ${f.overall.tp} FP ${f.overall.fp} FN ${f.overall.fn}  precision ${pct(precision(f.overall))}  recall ${pct(recall(f.overall))}`);
}
console.log(`look-alike negatives kept clean: ${real.negatives - real.negativesHit.length} of ${real.negatives}`);
for (const n of real.negativesHit) console.log(`  negative hit ${n.caseId}: ${n.path} reported as ${n.piType} (${n.why})`);

console.log(`\n== receivers of the real corpus: organisation named`);
for (const r of real.receivers) console.log(`  ${r.named ? 'named ' : 'MISSED'} ${r.host.padEnd(36)} expected ${r.expected}${r.named ? `; privlab: ${r.named}` : ''}`);
const named = real.receivers.filter((r) => r.named).length;
console.log(`named ${named} of ${real.receivers.length} receivers`);
