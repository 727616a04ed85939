// Imports a HAR file (Chrome devtools, HTTP Toolkit, Charles, mitmproxy savehar, privlab's own
// export) into a new run directory, one entry at a time, so memory stays bounded whatever the size.
// The original file is kept in the run as capture.har: it is the evidence the flows came from.
// A broken HAR stops the import with a HarError naming the position; the flows read before it
// stay on disk and run.json says the run is incomplete and why.

import { once } from 'node:events';
import zlib from 'node:zlib';
import { createReadStream, createWriteStream, existsSync, statSync, type WriteStream } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { DEFAULT_MAX_BODY_BYTES } from '../core/capture.ts';
import { InputError } from '../core/errors.ts';
import { headerValue, type BodyRef, type Flow, type FlowClient, type Header } from '../core/flow.ts';
import type { HarCreator, HarEntry, HarPage, HarPrivlabBody, HarPrivlabEntry } from '../core/har.ts';
import { isPhase, isStep, isVariant, PHASE_OUTCOME_STATUSES, type PhaseName, type PhaseOutcome, type VariantName } from '../core/phase.ts';
import type { RunInfo } from '../core/run.ts';
import { PRIVLAB_VERSION } from '../core/version.ts';
import { RUN_FILES, runId } from './run-layout.ts';
import { RunWriter } from './run-writer.ts';
import { HarScanner, HarSyntaxError, type HarScanEvent } from './har-scan.ts';

export interface ImportHarOptions {
  /** Category slug from config/categories.yaml. */
  category: string;
  /** Target name; default the first page title in the HAR, else the file name. Also names the run directory. */
  targetName?: string;
  firstParty?: string[];
  /** Bodies larger than this are cut and the flow notes it (default DEFAULT_MAX_BODY_BYTES). */
  maxBodyBytes?: number;
  /** An entry larger than this (JSON bytes) is skipped with a warning; default 256 MiB. */
  maxEntryBytes?: number;
  /** Keep a copy of the HAR as capture.har in the run (default true). */
  keepOriginal?: boolean;
}

export interface ImportHarResult {
  runDir: string;
  flows: number;
  warnings: string[];
}

export class HarError extends InputError {
  /** Set once the run directory exists: the flows imported before the error are there. */
  runDir?: string;
  flowsImported = 0;
  constructor(
    override readonly file: string,
    readonly problem: string,
    readonly position?: { offset: number; line: number; column: number },
  ) {
    super(position ? `${file}: ${problem} at byte ${position.offset} (line ${position.line}, column ${position.column})` : `${file}: ${problem}`, file);
  }
}

export const DEFAULT_MAX_HAR_ENTRY_BYTES = 256 * 1024 * 1024;

export async function importHar(harFile: string, outDir: string, opts: ImportHarOptions): Promise<ImportHarResult> {
  if (!existsSync(harFile) || !statSync(harFile).isFile()) throw new HarError(harFile, 'not found or not a file');
  const fileName = basename(harFile, extname(harFile));
  const runDir = freeRunDir(outDir, opts.targetName ?? fileName);
  const writer = new RunWriter(runDir);
  const importedAt = new Date().toISOString();
  const info: RunInfo = {
    id: basename(runDir),
    privlabVersion: PRIVLAB_VERSION,
    target: { name: opts.targetName ?? fileName, category: opts.category, platform: 'web', firstParty: opts.firstParty ?? [] },
    source: 'har-import',
    variants: [],
    engine: 'har',
    tools: { 'har-file': basename(harFile), 'imported-at': importedAt },
    startedAt: importedAt,
    complete: false,
    outcomes: [],
    incompleteReason: 'import in progress',
  };
  writer.writeRunInfo(info);

  const state = new ImportState(writer, opts);
  const copy = opts.keepOriginal === false ? undefined : createWriteStream(join(runDir, RUN_FILES.har));
  const scanner = new HarScanner(opts.maxEntryBytes ?? DEFAULT_MAX_HAR_ENTRY_BYTES, (ev) => state.handle(ev, harFile, info));
  let failure: HarError | undefined;
  try {
    for await (const chunk of createReadStream(harFile, { highWaterMark: 1024 * 1024 }) as AsyncIterable<Buffer>) {
      if (copy && !copy.write(chunk)) await once(copy, 'drain');
      scanner.push(chunk);
    }
    scanner.end();
  } catch (e) {
    if (e instanceof HarSyntaxError) failure = new HarError(harFile, e.problem, { offset: e.offset, line: e.line, column: e.column });
    else if (e instanceof HarError) failure = e;
    else failure = new HarError(harFile, `cannot be read (${(e as Error).message})`);
  }
  if (copy) await closeStream(copy);
  writer.close();

  const variants = [...state.variants];
  const finished: RunInfo = {
    ...info,
    variants,
    outcomes: importedOutcomes(state),
    startedAt: state.firstTime ?? info.startedAt,
    endedAt: state.lastTime ?? importedAt,
    complete: !failure,
    incompleteReason: failure ? `HAR import stopped after ${state.flows} flows: ${failure.message}` : undefined,
  };
  writer.writeRunInfo(stripUndefined(finished));
  if (failure) {
    failure.runDir = runDir;
    failure.flowsImported = state.flows;
    throw failure;
  }
  return { runDir, flows: state.flows, warnings: state.warnings };
}

const MAX_WARNINGS = 1000;

/** Turns scanner events into flows and the run's metadata. */
class ImportState {
  flows = 0;
  warnings: string[] = [];
  variants = new Set<VariantName>();
  /** Phase outcomes of a privlab export (log._privlab.outcomes), when the HAR carries them. */
  outcomes: PhaseOutcome[] | undefined;
  /** Phases of each variant the flows were tagged with, for HARs that carry no outcomes. */
  phasesSeen = new Set<string>();
  firstTime?: string;
  lastTime?: string;
  private restoredIds = new Set<string>();
  private suppressed = 0;

  constructor(
    private readonly writer: RunWriter,
    private readonly opts: ImportHarOptions,
  ) {}

  handle(ev: HarScanEvent, file: string, info: RunInfo): void {
    if (ev.kind === 'field') return this.logField(ev.key, ev.bytes, info);
    const where = `entry ${ev.index} (line ${ev.line}, column ${ev.column})`;
    if (ev.kind === 'entry-too-large') return this.skip(where, `${ev.size} bytes, over the entry limit`);
    let entry: unknown;
    const text = ev.bytes.toString('utf8');
    try {
      entry = JSON.parse(text);
    } catch (e) {
      throw new HarError(file, `${where} is not valid JSON (${(e as Error).message})`, positionIn(text, e as Error, ev));
    }
    const flow = this.toFlow(entry, where);
    if (!flow) return;
    this.writer.appendFlow(flow);
    this.flows++;
    if (flow.variant) this.variants.add(flow.variant);
    if (flow.variant && flow.phase && isPhase(flow.phase)) this.phasesSeen.add(`${flow.variant}|${flow.phase}`);
    if (!this.firstTime || flow.time < this.firstTime) this.firstTime = flow.time;
    if (!this.lastTime || flow.time > this.lastTime) this.lastTime = flow.time;
  }

  private logField(key: string, bytes: Buffer, info: RunInfo): void {
    let value: unknown;
    try {
      value = JSON.parse(bytes.toString('utf8'));
    } catch {
      return this.warn(`log.${key} is not valid JSON; ignored`);
    }
    if (key === 'creator' || key === 'browser') {
      const c = value as Partial<HarCreator>;
      if (typeof c?.name === 'string') info.tools[`har-${key}`] = `${c.name} ${typeof c.version === 'string' ? c.version : ''}`.trim();
    } else if (key === '_privlab' && value && typeof value === 'object') {
      const ext = value as { outcomes?: unknown; runId?: unknown };
      if (Array.isArray(ext.outcomes)) this.outcomes = ext.outcomes.filter(isOutcome);
      // The exported run's id: a template persona given to analyze expands its {run} with it.
      if (typeof ext.runId === 'string' && ext.runId) info.sourceRunId = ext.runId.slice(0, 200);
    } else if (key === 'pages' && !this.opts.targetName && Array.isArray(value)) {
      const title = (value as Partial<HarPage>[]).find((p) => typeof p?.title === 'string' && p.title.trim())?.title;
      if (title) info.target.name = title.trim().slice(0, 200);
    }
    this.writer.writeRunInfo(info);
  }

  private toFlow(raw: unknown, where: string): Flow | undefined {
    const e = raw as Partial<HarEntry>;
    const req = e?.request;
    if (!e || typeof e !== 'object' || !req || typeof req.url !== 'string' || !req.url) {
      this.skip(where, 'no request.url');
      return undefined;
    }
    const p = validPrivlab(e._privlab);
    const notes: string[] = [...(p?.notes ?? [])];
    const time = isoTime(e.startedDateTime);
    if (!time) notes.push(`startedDateTime ${JSON.stringify(e.startedDateTime ?? null)} is not a date`);
    const flow: Flow = {
      id: this.flowId(p?.flowId),
      time: time ?? new Date(0).toISOString(),
      phase: p?.phase ?? null,
      variant: p?.variant ?? null,
      client: p?.client ?? 'app',
      ...(p?.clientReason ? { clientReason: p.clientReason } : {}),
      engine: 'har',
      request: {
        method: typeof req.method === 'string' && req.method ? req.method : 'GET',
        url: req.url,
        ...(typeof req.httpVersion === 'string' && req.httpVersion ? { httpVersion: req.httpVersion } : {}),
        headers: headersOf(req.headers),
      },
    };
    const reqBody = this.requestBody(req.postData, flow.request.headers, p?.requestBody, notes);
    if (reqBody) flow.request.body = reqBody;
    const res = e.response;
    const failed = !res || typeof res.status !== 'number' || (res.status === 0 && !headersOf(res.headers).length);
    if (failed) {
      flow.error = p?.error ?? (typeof res?._error === 'string' && res._error ? res._error : 'no response in the HAR');
    } else {
      const headers = headersOf(res.headers);
      flow.response = { status: res.status, ...(res.statusText ? { statusText: String(res.statusText) } : {}), headers };
      const body = this.responseBody(res.content, headers, p?.responseBody, notes);
      if (body) flow.response.body = body;
      if (p?.error) flow.error = p.error;
    }
    if (typeof e.time === 'number' && e.time >= 0) flow.durationMs = e.time;
    if (typeof e._resourceType === 'string') notes.push(`HAR resource type: ${e._resourceType}`);
    if (notes.length) flow.notes = notes;
    return flow;
  }

  private requestBody(post: unknown, headers: Header[], meta: HarPrivlabBody | undefined, notes: string[]): BodyRef | undefined {
    if (!post || typeof post !== 'object') return undefined;
    const pd = post as { mimeType?: unknown; text?: unknown; params?: unknown; encoding?: unknown; _encoding?: unknown };
    const contentType = str(pd.mimeType) || headerValue(headers, 'content-type');
    let bytes: Buffer | undefined;
    if (typeof pd.text === 'string' && pd.text) {
      bytes = pd.encoding === 'base64' || pd._encoding === 'base64' ? Buffer.from(pd.text, 'base64') : Buffer.from(pd.text, 'utf8');
    } else if (Array.isArray(pd.params) && pd.params.length) {
      // Chrome and Charles may give a form only as params: rebuild it as the urlencoded body it was.
      const form = new URLSearchParams();
      for (const prm of pd.params as Array<{ name?: unknown; value?: unknown }>) form.append(str(prm?.name), str(prm?.value));
      bytes = Buffer.from(form.toString());
      notes.push('request body rebuilt from postData.params');
    }
    return bytes?.length ? this.store(bytes, contentType, meta, notes, 'request', headerValue(headers, 'content-encoding')) : undefined;
  }

  private responseBody(content: unknown, headers: Header[], meta: HarPrivlabBody | undefined, notes: string[]): BodyRef | undefined {
    if (!content || typeof content !== 'object') return undefined;
    const c = content as { text?: unknown; encoding?: unknown; mimeType?: unknown; size?: unknown };
    const contentType = str(c.mimeType) || headerValue(headers, 'content-type');
    if (typeof c.text !== 'string' || !c.text) {
      if (typeof c.size === 'number' && c.size > 0) notes.push(`response body not in the HAR (${c.size} bytes)`);
      return undefined;
    }
    const bytes = c.encoding === 'base64' ? Buffer.from(c.text, 'base64') : Buffer.from(c.text, 'utf8');
    return this.store(bytes, contentType, meta, notes, 'response', headerValue(headers, 'content-encoding'));
  }

  /**
   * HAR bodies are decoded (no Content-Encoding left) unless privlab's export says the text still
   * carries one. Exporters keep the Content-Encoding header of a body they decoded (mitmproxy does):
   * such a body is stored as identity, so analysis does not inflate it again and lose it; one whose bytes
   * still are what the header says (a tool that exported the raw bytes) keeps its encoding.
   * Bodies over the limit are cut, as the live engines do.
   */
  private store(bytes: Buffer, contentType: string | undefined, meta: HarPrivlabBody | undefined, notes: string[], side: string, headerEncoding?: string): BodyRef {
    const limit = this.opts.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
    let truncated = meta?.truncated === true;
    if (bytes.length > limit) {
      notes.push(`${side} body cut from ${bytes.length} to ${limit} bytes`);
      bytes = bytes.subarray(0, limit);
      truncated = true;
    }
    let contentEncoding = meta?.textContentEncoding;
    if (!contentEncoding && headerEncoding && !/^\s*identity\s*$/i.test(headerEncoding)) {
      contentEncoding = stillEncoded(bytes, headerEncoding) ? headerEncoding : 'identity';
      if (contentEncoding === 'identity') notes.push(`${side} body is already decoded in the HAR although its Content-Encoding says ${headerEncoding}: stored as identity`);
    }
    return this.writer.putBody(bytes, {
      contentType: contentType || undefined,
      contentEncoding,
      truncated: truncated || undefined,
    });
  }

  /** Restores an exported flow id when it is still unique; otherwise a fresh one. */
  private flowId(restored?: string): string {
    if (restored && /^[A-Za-z0-9._-]{1,64}$/.test(restored) && !this.restoredIds.has(restored)) {
      this.restoredIds.add(restored);
      return restored;
    }
    let id = this.writer.nextFlowId();
    while (this.restoredIds.has(id)) id = this.writer.nextFlowId();
    return id;
  }

  /** A skipped entry is a warning and a gap in run.json. */
  private skip(where: string, reason: string): void {
    this.warn(`${where}: ${reason}; skipped`);
    this.writer.recordGap({ kind: 'skipped', where, reason });
  }

  private warn(message: string): void {
    if (this.warnings.length < MAX_WARNINGS) this.warnings.push(message);
    else if (++this.suppressed === 1) this.warnings.push('further warnings suppressed');
  }
}

/** Only the `_privlab` fields whose values are valid are trusted. */
function validPrivlab(x: unknown): Partial<HarPrivlabEntry> | undefined {
  if (!x || typeof x !== 'object') return undefined;
  const p = x as Record<string, unknown>;
  const client: FlowClient | undefined = p.client === 'app' || p.client === 'harness' ? p.client : undefined;
  const body = (b: unknown): HarPrivlabBody | undefined => (b && typeof b === 'object' ? (b as HarPrivlabBody) : undefined);
  return {
    flowId: str(p.flowId) || undefined,
    phase: typeof p.phase === 'string' && isStep(p.phase) ? p.phase : null,
    variant: typeof p.variant === 'string' && isVariant(p.variant) ? p.variant : null,
    client,
    clientReason: str(p.clientReason) || undefined,
    error: str(p.error) || undefined,
    notes: Array.isArray(p.notes) ? p.notes.filter((n): n is string => typeof n === 'string') : undefined,
    requestBody: body(p.requestBody),
    responseBody: body(p.responseBody),
  };
}

/** Whether the bytes still carry the (last) content encoding named: they inflate without error. */
function stillEncoded(bytes: Buffer, encoding: string): boolean {
  const last = encoding.split(',').map((t) => t.trim().toLowerCase()).filter(Boolean).pop();
  const head = bytes.subarray(0, 64 * 1024);
  const opts = { maxOutputLength: 1024, finishFlush: zlib.constants.Z_SYNC_FLUSH };
  try {
    if (last === 'gzip' || last === 'x-gzip') return head[0] === 0x1f && head[1] === 0x8b && zlib.gunzipSync(head, opts).length >= 0;
    if (last === 'deflate') return zlib.inflateSync(head, opts).length >= 0;
    if (last === 'br') return zlib.brotliDecompressSync(head, { maxOutputLength: 1024, finishFlush: zlib.constants.BROTLI_OPERATION_FLUSH }).length > 0;
  } catch (e) {
    // A body larger than the probe's output cap still decodes: it is encoded.
    return (e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE';
  }
  return false;
}

function headersOf(x: unknown): Header[] {
  if (!Array.isArray(x)) return [];
  return (x as unknown[])
    .filter((h): h is { name: unknown; value: unknown } => !!h && typeof h === 'object' && typeof (h as { name?: unknown }).name === 'string')
    .map((h) => ({ name: h.name as string, value: h.value == null ? '' : String(h.value) }));
}

function isoTime(x: unknown): string | undefined {
  if (typeof x !== 'string') return undefined;
  const t = Date.parse(x);
  return Number.isNaN(t) ? undefined : new Date(t).toISOString();
}

function str(x: unknown): string {
  return typeof x === 'string' ? x : '';
}

/** Maps JSON.parse's "at position N" (characters) to the file's byte offset, line and column. */
function positionIn(text: string, err: Error, ev: { offset: number; line: number; column: number }): HarError['position'] {
  const m = /position (\d+)/.exec(err.message);
  if (!m) return { offset: ev.offset, line: ev.line, column: ev.column };
  const before = text.slice(0, Number(m[1]));
  const lines = before.split('\n');
  const lastLine = lines[lines.length - 1]!;
  const line = ev.line + lines.length - 1;
  const column = lines.length > 1 ? Buffer.byteLength(lastLine) + 1 : ev.column + Buffer.byteLength(lastLine);
  return { offset: ev.offset + Buffer.byteLength(before), line, column };
}

function freeRunDir(outDir: string, name: string): string {
  const base = join(outDir, runId(name));
  let dir = base;
  for (let n = 2; existsSync(dir); n++) dir = `${base}-${n}`;
  return dir;
}

async function closeStream(s: WriteStream): Promise<void> {
  s.end();
  await once(s, 'close');
}

function stripUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

function isOutcome(x: unknown): x is PhaseOutcome {
  const o = x as Partial<PhaseOutcome>;
  return (
    typeof o?.phase === 'string' && isPhase(o.phase) && typeof o.variant === 'string' && isVariant(o.variant) &&
    typeof o.status === 'string' && PHASE_OUTCOME_STATUSES.includes(o.status)
  );
}

/**
 * The outcomes the HAR carries (a privlab export); else each tagged phase whose traffic was captured counts as
 * completed, as a live capture's marked phases do: a contrast rule needs a blocked phase, so this never
 * makes a finding by itself.
 */
function importedOutcomes(state: ImportState): PhaseOutcome[] {
  if (state.outcomes) return state.outcomes;
  return [...state.phasesSeen].map((key) => {
    const [variant, phase] = key.split('|') as [VariantName, PhaseName];
    return { phase, variant, status: 'completed', message: 'imported from a HAR: the phase\'s traffic was captured; its outcome was not recorded' };
  });
}
