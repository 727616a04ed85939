// The independent corpus (bench/corpus/real/*.yaml): real requests and responses nobody on this project
// wrote, each labelled by hand beside its source (repository, path, commit, licence). Scored like the own
// corpus, plus its look-alike negatives (paths that must stay clean) and whether each receiver is named.

import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import type { Catalogs } from '../../src/core/catalog.ts';
import type { Observation } from '../../src/core/observation.ts';
import { analyzeRun } from '../../src/analysis/analyze-run.ts';
import { partyFor } from '../../src/analysis/attribution/party.ts';
import { scoreCorpus, writeCorpusRun, type Corpus, type CorpusCase, type CorpusScore } from '../../test/fixtures/corpus/materialise.ts';

const REAL_DIR = join(dirname(fileURLToPath(import.meta.url)), 'real');

interface Source {
  repository: string;
  path: string;
  commit: string;
  licence: string;
}

interface RealCase extends Omit<CorpusCase, 'description' | 'scoreMedia'> {
  source: Source;
  note?: string;
  negatives?: Array<{ path: string; why: string }>;
  /** The organisation a lab would name for the request's host; null when the host is a placeholder. */
  receiver: { organisation: string | null };
}

export interface ReceiverCheck {
  host: string;
  expected: string;
  named?: string;
}

export interface RealScore extends CorpusScore {
  cases: number;
  sources: number;
  labels: number;
  negatives: number;
  /** Negatives where something was reported anyway. */
  negativesHit: Array<{ caseId: string; path: string; why: string; piType: string }>;
  receivers: ReceiverCheck[];
}

export function loadRealCases(dir = REAL_DIR): RealCase[] {
  const out: RealCase[] = [];
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.yaml')).sort()) {
    const doc = parse(readFileSync(join(dir, f), 'utf8')) as { cases?: RealCase[] };
    if (!Array.isArray(doc.cases)) throw new Error(`${join(dir, f)}: no "cases" list`);
    for (const c of doc.cases) {
      if (!c.source?.repository || !c.source.commit || !c.source.licence) throw new Error(`${join(dir, f)}: case ${c.id} lacks source repository, commit or licence`);
      out.push(c);
    }
  }
  return out;
}

export async function evaluateRealCorpus(catalogs: Catalogs): Promise<RealScore> {
  const real = loadRealCases();
  const corpus: Corpus = {
    target: { name: 'real-corpus', category: 'online_community', platform: 'android', firstParty: ['localhost'] },
    cases: real.map((c) => ({ ...c, description: c.note ?? c.id, scoreMedia: false, expect: c.expect ?? [] })),
  };
  const dir = mkdtempSync(join(tmpdir(), 'privlab-real-corpus-'));
  try {
    const ids = writeCorpusRun(corpus, dir);
    const r = await analyzeRun(dir, { catalogs, inspect: async () => [] });
    const observations = readFileSync(r.path, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Observation);
    const media = new Set(catalogs.piTypes.filter((t) => t.group === 'biometric' || t.group === 'document').map((t) => t.slug));
    const score = scoreCorpus(corpus, ids, observations, [], media);
    const negativesHit: RealScore['negativesHit'] = [];
    for (const c of real) {
      const got = observations.filter((o) => o.flowId === ids.get(c.id));
      for (const n of c.negatives ?? []) {
        const hit = got.find((o) => o.path === n.path);
        if (hit) negativesHit.push({ caseId: c.id, path: n.path, why: n.why, piType: hit.piType });
      }
    }
    const receivers = new Map<string, ReceiverCheck>();
    for (const c of real) {
      if (!c.receiver?.organisation) continue;
      const party = partyFor(c.request.url, corpus.target, catalogs);
      receivers.set(party.host, { host: party.host, expected: c.receiver.organisation, ...(party.organisation ? { named: party.organisation } : {}) });
    }
    return {
      ...score,
      cases: real.length,
      sources: new Set(real.map((c) => c.source.repository)).size,
      labels: real.reduce((n, c) => n + (c.expect?.length ?? 0), 0),
      negatives: real.reduce((n, c) => n + (c.negatives?.length ?? 0), 0),
      negativesHit,
      receivers: [...receivers.values()],
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
