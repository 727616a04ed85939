// The optional Ghostery Tracker Database (github.com/ghostery/trackerdb, its release asset trackerdb.json):
// organisation names for third-party hosts that config/vendors.yaml does not know. Its licence is
// CC-BY-NC-SA-4.0 (non-commercial use only), so privlab never bundles it: a lab that may use it installs the
// file itself (PRIVLAB_TRACKERDB, privlab.config.yaml `trackerDb`, or the default path below), and every
// name taken from it says so. privlab's own vendors.yaml always wins.

import { existsSync, readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { InputError } from './errors.ts';

export const TRACKER_DB_LICENCE = 'Ghostery Tracker Database, CC-BY-NC-SA-4.0 (non-commercial use; installed by the lab, not part of privlab)';

/** One known tracker host, as the report names it. */
export interface TrackerEntry {
  organisation: string;
  /** The pattern's name (Google Analytics, TikTok Analytics). */
  service: string;
  /** TrackerDB's category key (advertising, site_analytics...). */
  category: string;
  /** privlab's vendor kind for the category, when one corresponds. */
  kind?: string;
}

export interface TrackerDb {
  file: string;
  licence: string;
  /** Domain (a host or a registrable domain) -> entry; a domain matches itself and its subdomains. */
  byDomain: Map<string, TrackerEntry>;
}

/** TrackerDB categories with a privlab vendor kind of the same meaning; the others keep only TrackerDB's name. */
const KIND_OF_CATEGORY: Record<string, string> = {
  advertising: 'ads',
  pornvertising: 'ads',
  site_analytics: 'analytics',
  cdn: 'cdn',
  hosting: 'cloud',
  social_media: 'social',
};

// The release's trackerdb.json is a few megabytes; far larger is not that file.
const MAX_BYTES = 64 * 1024 * 1024;

/** Where the lab's copy is looked for: $PRIVLAB_TRACKERDB, else $XDG_DATA_HOME/privlab/trackerdb.json (~/.local/share). */
export function trackerDbPath(env: NodeJS.ProcessEnv = process.env): { file: string; explicit: boolean } {
  if (env.PRIVLAB_TRACKERDB) return { file: resolve(env.PRIVLAB_TRACKERDB), explicit: true };
  return { file: join(env.XDG_DATA_HOME || join(homedir(), '.local', 'share'), 'privlab', 'trackerdb.json'), explicit: false };
}

/** The installed TrackerDB, if any: a path named explicitly must exist; the default one is read only when present. */
export function installedTrackerDb(env: NodeJS.ProcessEnv = process.env): TrackerDb | undefined {
  const { file, explicit } = trackerDbPath(env);
  if (!existsSync(file)) {
    if (explicit) throw new InputError(`${file}: no such file (PRIVLAB_TRACKERDB or trackerDb in privlab.config.yaml names it)`, file);
    return undefined;
  }
  return loadTrackerDb(file);
}

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);
const str = (x: unknown): string | undefined => (typeof x === 'string' && x.trim() ? x.trim() : undefined);

/** Reads a trackerdb.json export ({ organizations, patterns, domains }): every domain whose pattern names an organisation. */
export function loadTrackerDb(file: string): TrackerDb {
  const bad = (why: string): never => {
    throw new InputError(`${file}: ${why}; expected the trackerdb.json of a Ghostery Tracker Database release`, file);
  };
  if (statSync(file).size > MAX_BYTES) bad(`larger than ${MAX_BYTES} bytes`);
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    return bad(`not JSON (${(e as Error).message})`);
  }
  if (!isObj(doc) || !isObj(doc.organizations) || !isObj(doc.patterns) || !isObj(doc.domains)) return bad('no "organizations", "patterns" and "domains" objects');
  const { organizations, patterns, domains } = doc;
  const byDomain = new Map<string, TrackerEntry>();
  for (const [domain, patternId] of Object.entries(domains)) {
    const pattern = typeof patternId === 'string' ? patterns[patternId] : undefined;
    if (!isObj(pattern)) continue;
    const org = str(pattern.organization);
    const organisation = org && isObj(organizations[org]) ? str((organizations[org] as Obj).name) : undefined;
    const service = str(pattern.name);
    if (!organisation || !service) continue;
    const category = str(pattern.category) ?? '';
    const kind = KIND_OF_CATEGORY[category];
    byDomain.set(domain.toLowerCase().replace(/\.$/, ''), { organisation, service, category, ...(kind ? { kind } : {}) });
  }
  return { file, licence: TRACKER_DB_LICENCE, byDomain };
}

/** The entry whose domain is the longest suffix of host. */
export function trackerForHost(db: TrackerDb, host: string): TrackerEntry | undefined {
  let h = host.toLowerCase().replace(/\.$/, '');
  for (;;) {
    const e = db.byDomain.get(h);
    if (e) return e;
    const dot = h.indexOf('.');
    if (dot < 0) return undefined;
    h = h.slice(dot + 1);
  }
}
