// Loads the YAML catalogs under config/, checks each against its JSON Schema and against each other,
// and answers the questions other layers ask of them (which PI a category needs, which vendor owns a host).

import { readFileSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { LineCounter, isNode, parseDocument, type Document } from 'yaml';
import type { BrowserHost, CatalogFile, Catalogs, Category, ConsentSubject, PiType, Vendor } from './catalog.ts';
import { InputError } from './errors.ts';
import { packagePath } from './package-root.ts';
import { CODE_PI_SLUGS } from './pi-slugs.ts';
import { installedTrackerDb } from './tracker-db.ts';

/** A catalog that cannot be used: the message names the file, the place in it and the problem. */
export class CatalogError extends InputError {
  constructor(
    message: string,
    override readonly file: string,
  ) {
    super(message, file);
  }
}

/** The repository's config/ directory (src/core/ -> ../../config). */
export const DEFAULT_CONFIG_DIR = packagePath('config');

const FILES = {
  categories: 'categories.yaml',
  piTypes: 'pi-types.yaml',
  clauses: 'regulations.yaml',
  vendors: 'vendors.yaml',
  browserHosts: 'browser-hosts.yaml',
  consentSubjects: 'consent-subjects.yaml',
} as const satisfies Record<CatalogFile, string>;

const SCHEMAS: Record<CatalogFile, string> = {
  categories: 'categories.schema.json',
  piTypes: 'pi-types.schema.json',
  clauses: 'regulations.schema.json',
  vendors: 'vendors.schema.json',
  browserHosts: 'browser-hosts.schema.json',
  consentSubjects: 'consent-subjects.schema.json',
};

// A catalog is a few hundred lines; anything far larger is not a catalog.
const MAX_CATALOG_BYTES = 4 * 1024 * 1024;

const cache = new Map<string, Catalogs>();
const ajv = new Ajv({ allErrors: false, strict: true });
const validators = new Map<string, ValidateFunction>();

/** Loads and checks every catalog of a config directory (default: the repository's), once per directory; with the lab's TrackerDB when installed. */
export function loadCatalogs(configDir: string = DEFAULT_CONFIG_DIR): Catalogs {
  const dir = resolve(configDir);
  const cached = cache.get(dir);
  if (cached) return cached;
  const load = <K extends CatalogFile>(k: K) =>
    loadCatalogFile<Catalogs[K][number]>(join(dir, FILES[k]), join(dir, 'schema', SCHEMAS[k])) as Catalogs[K];
  const catalogs: Catalogs = {
    categories: load('categories'),
    piTypes: load('piTypes'),
    clauses: load('clauses'),
    vendors: load('vendors'),
    browserHosts: load('browserHosts'),
    consentSubjects: load('consentSubjects'),
  };
  crossCheck(catalogs, (k) => join(dir, FILES[k]));
  const trackerDb = installedTrackerDb();
  if (trackerDb) catalogs.trackerDb = trackerDb;
  cache.set(dir, catalogs);
  return catalogs;
}

/** Reads one YAML catalog (a list) and validates it with the JSON Schema in schemaFile. */
export function loadCatalogFile<T>(file: string, schemaFile: string): T[] {
  const shown = displayPath(file);
  const text = readText(file, shown);
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const syntax = doc.errors[0];
  if (syntax) {
    const line = lines.linePos(syntax.pos[0]).line;
    throw new CatalogError(`${shown}: ${line ? `line ${line}: ` : ''}${firstLine(syntax.message)}`, file);
  }
  let data: unknown;
  try {
    // yaml refuses documents whose aliases would expand past this count (a "billion laughs" bomb)
    data = doc.toJS({ maxAliasCount: 1000 });
  } catch (e) {
    throw new CatalogError(`${shown}: ${firstLine((e as Error).message)}`, file);
  }
  const validate = validatorFor(schemaFile);
  if (!validate(data)) {
    const err = validate.errors![0]!;
    const line = lineOf(doc, lines, err.instancePath);
    throw new CatalogError(`${shown}: ${err.instancePath || '/'} ${describe(err)}${line ? ` (line ${line})` : ''}`, file);
  }
  return data as T[];
}

/** The category with this slug; for an unknown slug, an error naming the closest ones. */
export function findCategory(catalogs: Catalogs, slug: string): Category {
  const found = catalogs.categories.find((c) => c.slug === slug);
  if (found) return found;
  const close = closeMatches(slug, catalogs.categories);
  const hint = close.length ? `did you mean ${close.join(', ')}? ` : '';
  throw new CatalogError(`unknown category "${slug}"; ${hint}run privlab categories to list them`, FILES.categories);
}

/** PI-type slugs that count as necessary for a category: named by it directly or through `satisfies`. */
export function necessarySlugsFor(catalogs: Catalogs, categorySlug: string): Set<string> {
  const needed = new Set(findCategory(catalogs, categorySlug).necessaryPi.map((p) => p.piType));
  const out = new Set<string>();
  for (const t of catalogs.piTypes) {
    if (needed.has(t.slug) || t.satisfies?.some((s) => needed.has(s))) out.add(t.slug);
  }
  return out;
}

/** The consent subject with this id; for an unknown id, an error naming the catalog and the known ids. */
export function findConsentSubject(catalogs: Catalogs, id: string): ConsentSubject {
  const found = catalogs.consentSubjects.find((c) => c.id === id);
  if (found) return found;
  throw new CatalogError(`unknown consent subject "${id}" (${FILES.consentSubjects} has ${catalogs.consentSubjects.map((c) => c.id).join(', ')})`, FILES.consentSubjects);
}

/** The types whose values are never written in clear (pi-types.yaml `secret`). */
export function secretPiTypes(catalogs: Pick<Catalogs, 'piTypes'>): Set<string> {
  return new Set(catalogs.piTypes.filter((t) => t.secret).map((t) => t.slug));
}

export function piTypeBySlug(catalogs: Catalogs, slug: string): PiType | undefined {
  return indexOf(catalogs).piTypes.get(slug);
}

/** PI types that stand for a category's vocabulary slug (itself, if it is a type, and every type satisfying it). */
export function piTypesForVocabulary(catalogs: Catalogs, vocabularySlug: string): PiType[] {
  return catalogs.piTypes.filter((t) => t.slug === vocabularySlug || t.satisfies?.includes(vocabularySlug));
}

/** Field-name form the `keys` of pi-types.yaml are compared in: lower case, no _ - . or spaces. */
export function normaliseKey(key: string): string {
  return key.toLowerCase().replace(/[\s_.\-]+/g, '');
}

/** The vendor whose domain is the longest suffix of host (a domain matches itself and its subdomains). */
export function vendorForHost(catalogs: Catalogs, host: string): Vendor | undefined {
  let h = host.toLowerCase().replace(/\.$/, '');
  const byDomain = indexOf(catalogs).vendorDomains;
  for (;;) {
    const v = byDomain.get(h);
    if (v) return v;
    const dot = h.indexOf('.');
    if (dot < 0) return undefined;
    h = h.slice(dot + 1);
  }
}

/** Is host one a browser calls for itself (browser-hosts.yaml; "*.x" entries match x's subdomains)? */
export function browserHostFor(catalogs: Catalogs, host: string): BrowserHost | undefined {
  const h = host.toLowerCase().replace(/\.$/, '');
  return catalogs.browserHosts.find((b) =>
    b.host.startsWith('*.') ? h.endsWith(b.host.slice(1)) || h === b.host.slice(2) : h === b.host,
  );
}

/** Drops the cached catalogs (tests that rewrite a config directory). */
export function clearCatalogCache(): void {
  cache.clear();
  indexes = new WeakMap();
}

// --- internals ---------------------------------------------------------------------------------

interface Index {
  piTypes: Map<string, PiType>;
  vendorDomains: Map<string, Vendor>;
}
let indexes = new WeakMap<Catalogs, Index>();

function indexOf(catalogs: Catalogs): Index {
  let ix = indexes.get(catalogs);
  if (!ix) {
    ix = {
      piTypes: new Map(catalogs.piTypes.map((t) => [t.slug, t])),
      vendorDomains: new Map(catalogs.vendors.flatMap((v) => v.domains.map((d) => [d, v] as const))),
    };
    indexes.set(catalogs, ix);
  }
  return ix;
}

/** Checks no schema can express: uniqueness across entries and references between catalogs. */
function crossCheck(c: Catalogs, fileOf: (k: CatalogFile) => string): void {
  const fail = (k: CatalogFile, msg: string): never => {
    throw new CatalogError(`${displayPath(fileOf(k))}: ${msg}`, fileOf(k));
  };
  const unique = <T>(k: CatalogFile, items: T[], keyOf: (t: T) => string | number, what: string) => {
    const seen = new Map<string | number, number>();
    items.forEach((t, i) => {
      const key = keyOf(t);
      const first = seen.get(key);
      if (first !== undefined) fail(k, `/${i} duplicate ${what} "${key}" (first at /${first})`);
      seen.set(key, i);
    });
  };
  unique('categories', c.categories, (x) => x.slug, 'slug');
  unique('categories', c.categories, (x) => x.id, 'id');
  unique('piTypes', c.piTypes, (x) => x.slug, 'slug');
  unique('clauses', c.clauses, (x) => x.id, 'id');
  unique('vendors', c.vendors, (x) => x.id, 'id');
  unique('browserHosts', c.browserHosts, (x) => x.host, 'host');
  unique('consentSubjects', c.consentSubjects, (x) => x.id, 'id');

  const slugs = new Set(c.piTypes.map((t) => t.slug));
  for (const s of CODE_PI_SLUGS) {
    if (!slugs.has(s)) fail('piTypes', `has no type "${s}", which the code names (src/core/pi-slugs.ts)`);
  }

  c.consentSubjects.forEach((cs, i) =>
    cs.piTypes.forEach((t, j) => {
      if (!slugs.has(t)) fail('consentSubjects', `/${i}/piTypes/${j} "${t}" is not a slug of ${FILES.piTypes}`);
    }),
  );

  const keyOwner = new Map<string, string>();
  c.piTypes.forEach((t, i) =>
    t.keys?.forEach((key, j) => {
      const n = normaliseKey(key);
      const owner = keyOwner.get(n);
      if (owner) fail('piTypes', `/${i}/keys/${j} "${key}" repeats a key of ${owner} (keys compare as "${n}")`);
      keyOwner.set(n, t.slug);
    }),
  );

  const vocabulary = new Set(c.categories.flatMap((cat) => cat.necessaryPi.map((p) => p.piType)));
  c.piTypes.forEach((t, i) =>
    t.satisfies?.forEach((s, j) => {
      if (!vocabulary.has(s)) fail('piTypes', `/${i}/satisfies/${j} "${s}" is named by no category in ${FILES.categories}`);
    }),
  );
  const covered = new Set(c.piTypes.flatMap((t) => [t.slug, ...(t.satisfies ?? [])]));
  c.categories.forEach((cat, i) =>
    cat.necessaryPi.forEach((p, j) => {
      if (!covered.has(p.piType)) {
        fail('categories', `/${i}/necessaryPi/${j}/piType "${p.piType}" is neither a slug of ${FILES.piTypes} nor satisfied by one`);
      }
    }),
  );

  const domainOwner = new Map<string, string>();
  c.vendors.forEach((v, i) => {
    v.domains.forEach((d, j) => {
      const owner = domainOwner.get(d);
      if (owner) fail('vendors', `/${i}/domains/${j} "${d}" already belongs to vendor ${owner}`);
      domainOwner.set(d, v.id);
    });
  });
}

function readText(file: string, shown: string): string {
  let buf: Buffer;
  try {
    buf = readFileSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'file not found' : (e as Error).message;
    throw new CatalogError(`${shown}: cannot read catalog: ${why}`, file);
  }
  if (buf.length > MAX_CATALOG_BYTES) {
    throw new CatalogError(`${shown}: ${buf.length} bytes is too large for a catalog (limit ${MAX_CATALOG_BYTES})`, file);
  }
  return buf.toString('utf8');
}

function validatorFor(schemaFile: string): ValidateFunction {
  let v = validators.get(schemaFile);
  if (!v) {
    const shown = displayPath(schemaFile);
    let schema: { $id?: string };
    try {
      schema = JSON.parse(readText(schemaFile, shown)) as { $id?: string };
    } catch (e) {
      if (e instanceof CatalogError) throw e;
      throw new CatalogError(`${shown}: not valid JSON: ${(e as Error).message}`, schemaFile);
    }
    // Schemas of different config dirs may share an $id; ajv keeps one schema per $id.
    delete schema.$id;
    try {
      v = ajv.compile(schema);
    } catch (e) {
      throw new CatalogError(`${shown}: not a usable JSON Schema: ${firstLine((e as Error).message)}`, schemaFile);
    }
    validators.set(schemaFile, v);
  }
  return v;
}

function describe(err: ErrorObject): string {
  const p = err.params as Record<string, unknown>;
  switch (err.keyword) {
    case 'additionalProperties':
      return `has unknown field "${String(p.additionalProperty)}"`;
    case 'enum':
      return `must be one of ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'required':
      return `is missing required field "${String(p.missingProperty)}"`;
    default:
      return err.message ?? err.keyword;
  }
}

/** Line of the YAML node at a JSON Pointer, to point the reader at it. */
function lineOf(doc: Document, lines: LineCounter, pointer: string): number | undefined {
  const path = pointer
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
  for (let n = path.length; n >= 0; n--) {
    const node = path.length ? doc.getIn(path.slice(0, n), true) : doc.contents;
    if (isNode(node) && node.range) return lines.linePos(node.range[0]).line;
  }
  return undefined;
}

function closeMatches(slug: string, categories: Category[]): string[] {
  const s = slug.toLowerCase();
  const scored = categories.map((c) => {
    const parts = c.slug.split('_');
    const related = (s.length >= 3 && c.slug.includes(s)) || parts.some((p) => p.length > 2 && s.includes(p)) || c.zh.includes(slug);
    // a misspelt word of the slug counts as much as a misspelt slug
    const score = Math.min(...[c.slug, ...parts].map((t) => editDistance(s, t) / Math.max(s.length, t.length)));
    return { slug: c.slug, score: related ? 0 : score };
  });
  return scored
    .filter((x) => x.score <= 0.4)
    .sort((a, b) => a.score - b.score)
    .slice(0, 3)
    .map((x) => x.slug);
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length]!;
}

function displayPath(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : file;
}

function firstLine(s: string): string {
  return s.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '').trim();
}
