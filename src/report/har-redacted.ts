// A phase's HAR for a report: exported by the evidence layer, then redacted, base64 bodies included
// (decoded, redacted as bytes, re-encoded), so no value survives in an encoded body.

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HarEntry } from '../core/har.ts';
import type { PhaseName, VariantName } from '../core/phase.ts';
import { exportHar } from '../evidence/har-export.ts';
import type { Redactor } from './redact.ts';

/** Bodies in a report's HAR are cut here: the full capture stays in the run directory. */
const REPORT_HAR_MAX_BODY_BYTES = 2 * 1024 * 1024;

export async function redactedPhaseHar(
  runDir: string,
  where: { phase?: PhaseName; variant?: VariantName },
  redactor: Redactor,
): Promise<string> {
  const tmp = mkdtempSync(join(tmpdir(), 'privlab-har-'));
  try {
    const out = await exportHar(runDir, { ...where, out: join(tmp, 'phase.har'), maxBodyBytes: REPORT_HAR_MAX_BODY_BYTES });
    const har = JSON.parse(readFileSync(out, 'utf8')) as Har;
    if (redactor.keyed) for (const e of har.log?.entries ?? []) dropStillEncodedBodies(e);
    return JSON.stringify(redactor.deep(redactBase64Bodies(har, redactor)), null, 1);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

type Har = { log?: { entries?: HarEntry[] } };

/**
 * A body the export could not decompress is still gzip/br bytes: redaction cannot see into it, and
 * anyone can decompress it, so a shared report leaves it out.
 */
function dropStillEncodedBodies(e: HarEntry): void {
  const note = (enc: string): string => `[left out of this redacted report: body still ${enc}-encoded]`;
  const req = e._privlab?.requestBody?.textContentEncoding;
  if (req && e.request.postData) {
    e.request.postData = { mimeType: e.request.postData.mimeType, text: note(req) };
  }
  const res = e._privlab?.responseBody?.textContentEncoding;
  if (res) e.response.content = { ...e.response.content, text: note(res), encoding: undefined };
}

function redactBase64Bodies(node: unknown, redactor: Redactor): unknown {
  if (Array.isArray(node)) return node.map((n) => redactBase64Bodies(n, redactor));
  if (!node || typeof node !== 'object') return node;
  const o = node as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) out[k] = redactBase64Bodies(v, redactor);
  if (typeof o.text === 'string' && (o.encoding === 'base64' || o._encoding === 'base64')) {
    out.text = redactor.bytes(Buffer.from(o.text, 'base64')).toString('base64');
  }
  return out;
}
