// JSON Web Tokens: header.payload.signature, each base64url. Only the payload carries claims.

const JWT = /^(?:Bearer\s+)?([A-Za-z0-9_-]{8,})\.([A-Za-z0-9_-]{4,})\.([A-Za-z0-9_-]*)$/;

export function tryJwtPayload(text: string): Record<string, unknown> | undefined {
  const m = JWT.exec(text.trim());
  if (!m) return undefined;
  const header = parseSegment(m[1] ?? '');
  if (!header || typeof header.alg !== 'string') return undefined;
  return parseSegment(m[2] ?? '');
}

function parseSegment(seg: string): Record<string, unknown> | undefined {
  try {
    const v: unknown = JSON.parse(Buffer.from(seg, 'base64url').toString('utf8'));
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
