// GraphQL documents: the variables travel as JSON (decoded as such); literal arguments written
// inside the query text are pulled out here, e.g. mutation { register(phone: "138...") }.

import type { Pair } from './form.ts';

const OPERATION = /^\s*(?:(?:query|mutation|subscription)\b[^{]*)?\{[\s\S]*\}\s*$/;
const ARGUMENT = /([A-Za-z_]\w*)\s*:\s*("(?:[^"\\\n]|\\.)*"|-?\d+(?:\.\d+)?)/g;

export function isGraphqlDocument(text: string): boolean {
  return text.length < 1_000_000 && OPERATION.test(text) && /[({]/.test(text);
}

/** Literal arguments (strings and numbers) named in the document. */
export function graphqlArguments(doc: string): Pair[] {
  const out: Pair[] = [];
  for (const m of doc.matchAll(ARGUMENT)) {
    const raw = m[2] ?? '';
    let value = raw;
    if (raw.startsWith('"')) {
      try {
        value = JSON.parse(raw) as string;
      } catch {
        value = raw.slice(1, -1);
      }
    }
    out.push([m[1] ?? '', value]);
  }
  return out;
}
