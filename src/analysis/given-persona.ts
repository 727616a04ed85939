// A persona given to analysis (`privlab analyze --persona`) instead of the run's own: a template persona is
// expanded for the capture's variants with the run id it came from, as far as the capture says them.

import type { RunInfo } from '../core/run.ts';
import { expandPersona, shortRunId, templatedFields, type PersonaSlots } from '../core/persona-template.ts';
import type { VariantName } from '../core/phase.ts';
import type { Persona } from '../core/target.ts';
import type { RunPersonaSet } from './pii/persona.ts';

export interface GivenPersonas {
  personas: RunPersonaSet;
  /** What is sought: each variant's expansion, and the fields left out because the capture does not say a slot. */
  notes: string[];
}

/**
 * `{variant}` and `{n}` expand for each variant the flows are tagged with, `{run}` with the run id (an imported
 * HAR's own run id where privlab's export carries it). A field naming a slot the capture does not tell is not
 * sought at all: a guess would match nothing or, worse, another account; the notes say which.
 */
export function givenPersonas(persona: Persona, info: Pick<RunInfo, 'id' | 'source' | 'sourceRunId' | 'variants'>): GivenPersonas {
  if (!templatedFields(persona).length) return { personas: { persona }, notes: [] };
  const runId = info.source === 'har-import' ? info.sourceRunId : info.id;
  const notes: string[] = [];
  const expand = (slots: PersonaSlots): Persona => {
    const { persona: p, unexpanded } = expandPersona(persona, slots);
    for (const u of unexpanded) {
      const why = [...new Set(u.missing.map((m) => (m === 'run' ? 'which run it came from ({run})' : 'which variant its flows belong to ({variant}, {n})')))].join(' nor ');
      const note = `persona.${u.field} is not sought: the capture does not say ${why}`;
      if (!notes.includes(note)) notes.push(note);
    }
    return p;
  };
  const variants: readonly VariantName[] = info.variants;
  if (!variants.length) {
    const p = expand({ runId });
    return { personas: { persona: p }, notes };
  }
  const byVariant = Object.fromEntries(variants.map((variant) => [variant, expand({ variant, runId })]));
  notes.unshift(
    `persona template expanded for ${variants.join(', ')}${runId ? ` (run ${shortRunId(runId)})` : ''}: each variant's values are sought in its own flows, all of them in flows outside a variant`,
  );
  return { personas: { persona, byVariant }, notes };
}
