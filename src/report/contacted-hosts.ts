// The hosts a run's traffic reached, as analysis recorded them in analysis.json: the report lists each as
// a receiver even when no PI was found in what it got (it still got the IP address and user agent).

import { existsSync, readFileSync } from 'node:fs';
import type { RunReader } from '../evidence/run-reader.ts';
import type { ContactedHost } from './pi-by-phase.ts';

const ANALYSIS_FILE = 'analysis.json';

export function contactedHosts(reader: RunReader): ContactedHost[] {
  const file = reader.path(ANALYSIS_FILE);
  if (!existsSync(file)) return [];
  const s = JSON.parse(readFileSync(file, 'utf8')) as { receivers?: ContactedHost[] };
  return Array.isArray(s.receivers) ? s.receivers.filter((r) => r && r.party && typeof r.party.host === 'string') : [];
}
