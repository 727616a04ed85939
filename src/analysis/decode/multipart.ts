// multipart/form-data: each part with its name, file name, content type and bytes. Tolerant of
// LF-only line ends and a missing closing boundary (noted, not fatal).

export interface Part {
  name: string;
  filename?: string;
  contentType?: string;
  body: Buffer;
}

export interface Multipart {
  parts: Part[];
  problems: string[];
}

export function boundaryOf(contentType: string | undefined, body: Buffer): string | undefined {
  const m = contentType ? /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType) : null;
  if (m) return m[1] ?? m[2];
  // No declared boundary: take it from a first line that looks like one.
  const head = body.subarray(0, 200).toString('latin1');
  const first = /^--([^\r\n]{1,70})\r?\n/.exec(head);
  return first?.[1];
}

export function parseMultipart(body: Buffer, boundary: string): Multipart {
  const problems: string[] = [];
  const parts: Part[] = [];
  const delim = Buffer.from(`--${boundary}`, 'latin1');
  let at = body.indexOf(delim);
  if (at < 0) return { parts, problems: ['multipart boundary not found in body'] };
  let closed = false;
  while (at >= 0) {
    let start = at + delim.length;
    if (body[start] === 0x2d && body[start + 1] === 0x2d) {
      closed = true;
      break;
    }
    if (body[start] === 0x0d) start++;
    if (body[start] === 0x0a) start++;
    const next = body.indexOf(delim, start);
    const end = next < 0 ? body.length : next;
    // The CRLF before a delimiter belongs to the delimiter.
    let partEnd = end;
    if (next >= 0 && body[partEnd - 1] === 0x0a) partEnd--;
    if (next >= 0 && body[partEnd - 1] === 0x0d) partEnd--;
    const part = readPart(body.subarray(start, Math.max(start, partEnd)));
    if (part) parts.push(part);
    else problems.push(`multipart part ${parts.length + 1} has no header block`);
    if (next < 0) break;
    at = next;
  }
  if (!closed) problems.push('multipart closing boundary missing (body cut or malformed)');
  return { parts, problems };
}

function readPart(raw: Buffer): Part | undefined {
  let sep = raw.indexOf('\r\n\r\n');
  let skip = 4;
  if (sep < 0) {
    sep = raw.indexOf('\n\n');
    skip = 2;
  }
  if (sep < 0) return undefined;
  const headerText = raw.subarray(0, sep).toString('utf8');
  const part: Part = { name: '', body: raw.subarray(sep + skip) };
  for (const line of headerText.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (name === 'content-type') part.contentType = value;
    if (name === 'content-disposition') {
      part.name = param(value, 'name') ?? '';
      const extended = param(value, 'filename*');
      const filename = extended ? decodeExtended(extended) : param(value, 'filename');
      if (filename !== undefined) part.filename = filename;
    }
  }
  return part;
}

function param(header: string, key: string): string | undefined {
  const re = new RegExp(`(?:^|;)\\s*${key.replace('*', '\\*')}\\s*=\\s*(?:"((?:[^"\\\\]|\\\\.)*)"|([^;]*))`, 'i');
  const m = re.exec(header);
  if (!m) return undefined;
  return m[1] !== undefined ? m[1].replace(/\\(.)/g, '$1') : (m[2] ?? '').trim();
}

/** RFC 5987 ext-value: UTF-8''percent-encoded */
function decodeExtended(v: string): string {
  const m = /^[\w-]*'[\w-]*'(.*)$/.exec(v);
  try {
    return decodeURIComponent(m ? (m[1] ?? '') : v);
  } catch {
    return v;
  }
}
