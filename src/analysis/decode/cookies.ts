// The Cookie request header: name=value pairs separated by semicolons.

import { percentDecode, type Pair } from './form.ts';

export function parseCookieHeader(value: string): Pair[] {
  const out: Pair[] = [];
  for (const part of value.split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    let v = part.slice(eq + 1).trim();
    if (v.length >= 2 && v.startsWith('"') && v.endsWith('"')) v = v.slice(1, -1);
    if (name) out.push([name, percentDecode(v, false)]);
  }
  return out;
}
