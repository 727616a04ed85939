// A persona's extra value a sample app's form needs, or a clear error naming the missing key.

import type { Persona } from '../../../src/core/target.ts';

export function extraValue(persona: Persona, key: string, app: string): string {
  const v = persona.extra?.[key];
  if (!v) throw new Error(`persona.extra.${key} is missing: the ${app} forms need it`);
  return v;
}
