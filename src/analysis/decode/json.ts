// JSON text, top level or nested inside another value.

/** Parsed JSON when the text is an object or array; scalars are left to the caller as text. */
export function tryParseJson(text: string): unknown {
  const t = text.trim();
  const first = t[0];
  const last = t[t.length - 1];
  if (!((first === '{' && last === '}') || (first === '[' && last === ']'))) return undefined;
  try {
    return JSON.parse(t) as unknown;
  } catch {
    return undefined;
  }
}

/** Body-level parse: also accepts a JSON scalar (a quoted string body). */
export function parseJsonBody(text: string): { ok: true; value: unknown } | { ok: false; error: string } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (e) {
    return { ok: false, error: (e as Error).message };
  }
}
