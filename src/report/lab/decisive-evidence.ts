// The little of a finding's evidence that decides it, for one printed page: the request line, the
// marked values (cut when long), a few body lines around the marks, a thumbnail of the screen and of
// any uploaded image. Everything else stays in the evidence files the page points to.

import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { decodeRequest } from '../../analysis/decode/request.ts';
import type { Finding } from '../../core/finding.ts';
import type { Flow } from '../../core/flow.ts';
import type { Observation } from '../../core/observation.ts';
import { cutLongTokens, cutValue } from '../cut-value.ts';
import { MARK_CLOSE, MARK_OPEN, requestExcerpt } from '../excerpt.ts';
import type { Redactor } from '../redact.ts';
import { findingObservationsIn, findingScreenshots, screenshotFile, type ReportData } from '../report-data.ts';

/** Requests shown per finding (the first is decisive); the rest are named in the reference line. */
const MAX_FLOWS = 1;
const MAX_VALUES = 6;
const MAX_LINES = 3;
const LINE_CHARS = 160;
const MAX_IMAGES = 2;
/** PI type groups whose values are images worth a thumbnail. */
const IMAGE_GROUPS = new Set(['biometric', 'document']);

export interface ShownValue {
  piType: string;
  where: string;
  value: string;
}

export interface ShownFlow {
  flowId: string;
  requestLine: string;
  values: ShownValue[];
  /** Observations of the finding in this flow not listed. */
  moreValues: number;
  /** Body or header lines with the values marked ⟦ ⟧. */
  lines: string[];
}

export interface DecisiveEvidence {
  flows: ShownFlow[];
  /** JPEG thumbnails: the screen when the first request went, then uploaded images. */
  screen?: Buffer;
  images: Buffer[];
  refs: { flows: string[]; bodies: string[]; screenshots: string[] };
}

export async function decisiveEvidence(data: ReportData, finding: Finding, redactor: Redactor): Promise<DecisiveEvidence> {
  const flows: ShownFlow[] = [];
  const bodies = new Set<string>();
  for (const flowId of finding.evidence.flows) {
    const flow = data.flows.get(flowId);
    if (!flow) continue;
    if (flow.request.body) bodies.add(`bodies/${flow.request.body.sha256}`);
    if (flows.length < MAX_FLOWS) flows.push(await shownFlow(data, finding, flow, redactor));
  }
  const screenshots = findingScreenshots(data, finding);
  const screenFile = redactor.omitsScreenshots ? undefined : screenshots.map((rel) => screenshotFile(data, rel)).find((f) => f !== undefined);
  return {
    flows,
    ...(screenFile ? { screen: await thumbnail(screenFile, 520) } : {}),
    images: redactor.omitsScreenshots ? [] : await uploadedImages(data, finding),
    refs: { flows: finding.evidence.flows, bodies: [...bodies], screenshots },
  };
}

async function shownFlow(data: ReportData, finding: Finding, flow: Flow, redactor: Redactor): Promise<ShownFlow> {
  const obs = findingObservationsIn(data, finding, flow.id);
  const values = obs.slice(0, MAX_VALUES).map((o) => ({
    piType: o.piType,
    where: `${o.location} ${o.path}`,
    // Redact before cutting: a cut value no longer matches the redactor's list of values.
    value: cutValue(redactor.text(o.value)),
  }));
  const body = flow.request.body ? data.reader.body(flow.request.body.sha256) : undefined;
  const excerpt = await requestExcerpt(flow, body, obs.map((o) => o.value));
  const lines = excerpt
    .split('\n')
    .slice(1)
    .filter((l) => l.includes(MARK_OPEN))
    .slice(0, MAX_LINES)
    .map((l) => aroundFirstMark(compactMarked(redactor.text(l))));
  return {
    flowId: flow.id,
    requestLine: `${flow.request.method} ${cutValue(redactor.text(flow.request.url), LINE_CHARS)}`,
    values,
    moreValues: Math.max(0, obs.length - values.length),
    lines,
  };
}

/** Marked values cut as values, the text between them cut as long tokens, marks kept whole. */
export function compactMarked(line: string): string {
  const re = new RegExp(`${MARK_OPEN}([^${MARK_CLOSE}]*)${MARK_CLOSE}`, 'g');
  let out = '';
  let last = 0;
  for (const m of line.matchAll(re)) {
    out += cutLongTokens(line.slice(last, m.index)) + MARK_OPEN + cutValue(m[1] ?? '') + MARK_CLOSE;
    last = m.index + m[0].length;
  }
  return out + cutLongTokens(line.slice(last));
}

function aroundFirstMark(line: string): string {
  if (line.length <= LINE_CHARS) return line;
  const at = line.indexOf(MARK_OPEN);
  const start = Math.max(0, Math.min(at - 40, line.length - LINE_CHARS));
  return `${start > 0 ? '…' : ''}${line.slice(start, start + LINE_CHARS)}${start + LINE_CHARS < line.length ? '…' : ''}`;
}

/** Image values (faces, ID photos) the finding names, decoded again from their bodies by path. */
async function uploadedImages(data: ReportData, finding: Finding): Promise<Buffer[]> {
  const wanted = finding.evidence.observations
    .map((id) => data.observations.get(id))
    .filter((o): o is Observation => o !== undefined && isImageType(data, o.piType))
    // Analysis names an image by its type, size and hash: one decode per distinct image.
    .filter((o, i, all) => all.findIndex((x) => x.value === o.value) === i);
  const out: Buffer[] = [];
  // The same photo is often sent under each variant: show it once.
  const seen = new Set<string>();
  for (const flowId of new Set(wanted.map((o) => o.flowId))) {
    const flow = data.flows.get(flowId);
    if (!flow || out.length >= MAX_IMAGES) continue;
    const body = flow.request.body ? data.reader.body(flow.request.body.sha256) : undefined;
    const { leaves } = await decodeRequest(flow, body);
    for (const o of wanted.filter((w) => w.flowId === flowId)) {
      const leaf = leaves.find((l) => l.path === o.path && Buffer.isBuffer(l.value));
      if (!leaf || out.length >= MAX_IMAGES) continue;
      const sha = createHash('sha256').update(leaf.value).digest('hex');
      if (seen.has(sha)) continue;
      seen.add(sha);
      const thumb = await thumbnail(leaf.value as Buffer, 240).catch(() => undefined);
      if (thumb) out.push(thumb);
    }
  }
  return out;
}

function isImageType(data: ReportData, slug: string): boolean {
  const group = data.catalogs.piTypes.find((t) => t.slug === slug)?.group;
  return group !== undefined && IMAGE_GROUPS.has(group);
}

/** A small JPEG: a screenshot or upload printed at thumbnail size needs no more pixels. */
async function thumbnail(input: string | Buffer, width: number): Promise<Buffer> {
  return sharp(input, { limitInputPixels: 40_000_000 }).resize({ width, withoutEnlargement: true }).flatten({ background: '#ffffff' }).jpeg({ quality: 72 }).toBuffer();
}
