// `privlab analyze <run-dir | capture.har>`: finds personal information and faces in a capture and
// prints each observation (phase, PI type, partly redacted value, path, decoding chain, receiver).

import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { PiType } from '../../core/catalog.ts';
import type { Observation, Party } from '../../core/observation.ts';
import type { Persona } from '../../core/target.ts';
import { RUN_FILES } from '../../evidence/run-layout.ts';
import { readJsonLines, RunDirError } from '../../evidence/run-reader.ts';
import { UserError } from '../errors.ts';

interface AnalyzeFlags {
  category?: string;
  json?: boolean;
  out?: string;
  firstParty?: string;
  persona?: string;
}

export function register(program: Command): void {
  program
    .command('analyze')
    .description(
      'Find personal information and faces in a run directory or a HAR file: decodes every request (gzip/br, ' +
        'JSON, forms, multipart, XML, base64, JWT, GraphQL, protobuf), names the PI type, the path of the value, ' +
        'the decoding chain and who receives it. Writes observations.jsonl and analysis.json into the run directory.',
    )
    .argument('<run-dir|capture.har>', 'a run directory (holds run.json) or a HAR file, which is imported into a new run directory first')
    .option('--category <slug>', 'app category (see privlab categories); required for a HAR file, overrides run.json for a run directory')
    .option('--out <dir>', 'where a HAR file is imported to (a new run directory is made inside it)', 'reports/runs')
    .option('--first-party <domains>', "for a HAR file: the app's own domains, comma-separated (e.g. lovelink.test); other hosts count as third parties")
    .option('--persona <file>', "persona YAML of the test account used in the capture: its values are sought in every encoding (plain, URL, base64, hex, MD5/SHA-1/SHA-256, split parts); a template ({variant}, {run}, {n}) is expanded for the capture's variants and run as far as it says them (privlab's HAR export does), and what is not sought is printed; not written into the run directory (it holds the password)")
    .option('--json', 'print one observation per line as JSON (values unredacted) instead of a table')
    .action(async (input: string, flags: AnalyzeFlags) => {
      const persona = flags.persona ? await personaFrom(flags.persona) : undefined;
      const runDir = await runDirFor(input, flags);
      const { ANALYSIS_FILE, analyzeRun } = await import('../../analysis/analyze-run.ts');
      const { loadCatalogs, piTypeBySlug } = await import('../../core/catalog-loader.ts');
      const large = progressPrinter();
      let result;
      try {
        result = await analyzeRun(runDir, { category: flags.category, onProgress: large, ...(persona ? { persona } : {}) });
      } catch (e) {
        if (e instanceof RunDirError) throw new UserError(`${e.message}; check the run directory or re-capture`);
        throw e;
      }
      const catalogs = loadCatalogs();
      const out = (l: string): void => void process.stdout.write(l + '\n');
      const info = (l: string): void => void process.stderr.write(l + '\n');
      if (!flags.json) out(['phase', 'PI type', 'value (redacted)', 'path', 'chain', 'party'].join('\t'));
      for await (const o of readJsonLines<Observation>(result.path)) {
        out(flags.json ? JSON.stringify(o) : tableRow(o, piTypeBySlug(catalogs, o.piType)));
      }
      const say = flags.json ? info : out;
      // What of a template persona is sought: each variant's values, or fields the capture gives no slot for.
      for (const n of result.personaNotes) info(`persona: ${n}`);
      say(`${result.observations} observations in ${result.flows} flows${result.notes ? `, ${result.notes} notes on flows that could not be fully read` : ''}`);
      say(`observations: ${result.path}`);
      say(`summary:      ${resolve(runDir, ANALYSIS_FILE)}`);
    });
}

async function personaFrom(file: string): Promise<Persona> {
  const { loadPersonaFile } = await import('../../runner/load-scenario.ts');
  try {
    return loadPersonaFile(file);
  } catch (e) {
    throw new UserError(`${(e as Error).message}; --persona takes a persona YAML (name, phone, idNumber, password, ...)`);
  }
}

async function runDirFor(input: string, flags: AnalyzeFlags): Promise<string> {
  if (!existsSync(input)) throw new UserError(`${input}: no such file or directory; give a run directory or a .har file`);
  if (statSync(input).isDirectory()) {
    if (!existsSync(resolve(input, RUN_FILES.run))) {
      throw new UserError(`${input}: not a run directory (no run.json); give the folder privlab run wrote, or a .har file`);
    }
    return input;
  }
  if (!/\.har$/i.test(input)) throw new UserError(`${input}: not a run directory or a .har file; export the capture as HAR or give a run directory`);
  if (!flags.category) throw new UserError(`${input}: a HAR file says nothing about the app's category; add --category <slug> (see privlab categories)`);
  const { importHar } = await import('../../evidence/har-import.ts');
  const imported = await importHar(input, flags.out ?? 'reports/runs', {
    category: flags.category,
    firstParty: flags.firstParty?.split(',').map((d) => d.trim()).filter(Boolean),
  });
  for (const w of imported.warnings) process.stderr.write(`warning: ${w}\n`);
  process.stderr.write(`imported ${imported.flows} flows into ${imported.runDir}\n`);
  return imported.runDir;
}

/** Progress on stderr for large captures: a line every 10,000 flows. */
function progressPrinter(): (n: number) => void {
  let last = 0;
  return (n) => {
    if (n - last >= 10_000) {
      last = n;
      process.stderr.write(`analysed ${n} flows\n`);
    }
  };
}

/** Keeps enough of a value to recognise it (138****8000), never the whole of it. */
export function redactPartly(value: string): string {
  if (value.startsWith('<') || value.startsWith('[secret')) return value.length > 60 ? `${value.slice(0, 57)}...` : value;
  const chars = [...value];
  if (chars.length <= 2) return '*'.repeat(chars.length);
  if (chars.length <= 6) return chars[0] + '*'.repeat(chars.length - 1);
  const keep = Math.min(4, Math.floor(chars.length / 4));
  const shown = chars.slice(0, keep).join('') + '*'.repeat(Math.min(chars.length - 2 * keep, 12)) + chars.slice(-keep).join('');
  return shown.length > 40 ? `${shown.slice(0, 37)}...` : shown;
}

function partyLabel(p: Party): string {
  if (p.kind === 'third' && p.organisation) return `third: ${p.host} (${p.organisation})`;
  return `${p.kind}: ${p.host}`;
}

function tableRow(o: Observation, t: PiType | undefined): string {
  const type = t ? `${t.zh} ${t.en}` : o.piType;
  return [
    o.phase ?? '-',
    type,
    redactPartly(o.value),
    o.path,
    o.chain.join('>') || '-',
    partyLabel(o.party),
  ].join('\t');
}
