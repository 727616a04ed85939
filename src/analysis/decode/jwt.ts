// JSON Web Tokens: header.payload.signature, each base64url. Only the payload carries claims.

const JWT = /^(?:Bearer\s+)?([A-Za-z0-9_-]{8,})\.([A-Za-z0-9_-]{4,})\.([A-Za-z0-9_-]*)$/;
/**
 * Longer text is not a token a client sends (real JWTs are a few KiB), and the backtracking regex
 * above overflows V8's stack on megabytes of token characters.
 */
export const MAX_JWT_CHARS = 256 * 1024;

export function tryJwtPayload(text: string): Record<string, unknown> | undefined {
  const t = text.trim();
  // Three dot-separated segments: most values have no two dots and skip the regex.
  const dot = t.indexOf('.');
  if (t.length > MAX_JWT_CHARS || dot < 0 || t.indexOf('.', dot + 1) < 0) return undefined;
  const m = JWT.exec(t);
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
