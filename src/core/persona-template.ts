// Persona templates: `{variant}`, `{run}` and `{n}` in a persona's text fields, so each variant of each
// run registers a fresh account (`lab+{run}-{variant}@example.org`). `{{` and `}}` stand for literal braces;
// any other `{word}` is an error naming the persona file and field, caught when the persona is loaded.

import { createHash } from 'node:crypto';
import { InputError } from './errors.ts';
import { VARIANTS, type VariantName } from './phase.ts';
import type { Persona } from './target.ts';

export const PERSONA_PLACEHOLDERS = ['variant', 'run', 'n'] as const;
type Placeholder = (typeof PERSONA_PLACEHOLDERS)[number];

/** What a template is expanded with; a slot left out (an imported capture that does not say) cannot be filled. */
export interface PersonaSlots {
  variant?: VariantName;
  /** The run's id (run.json id); `{run}` is its short form, shortRunId. */
  runId?: string;
}

/** Fields whose values are text typed into apps: templates expand there. Image paths are files and never expand. */
const TEXT_FIELDS = ['name', 'username', 'phone', 'idNumber', 'email', 'password', 'smsCode'] as const;
/** One value for the whole run: the guardian-consent rule reads the persona's age from run.json's persona. */
const FIXED_FIELDS = ['birthDate', 'gender'] as const;

const TOKEN = /\{\{|\}\}|\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/**
 * `{run}`: six digits from the SHA-256 of the run id. Digits, so it fits phone numbers and user names that
 * take letters and digits only; different runs get different digits but for a one-in-a-million chance.
 */
export function shortRunId(runId: string): string {
  return String(createHash('sha256').update(runId).digest().readUInt32BE(0) % 1_000_000).padStart(6, '0');
}

/**
 * `{n}`: the variant's number in privlab's list of variants (accept-all 1, refuse-optional 2, refuse-biometric 3,
 * refuse-policy 4, withdraw-optional 5). Distinct for each variant of a run and the same in every run, so it is
 * known from the variant name alone (also for an imported capture); `{run}` makes it differ between runs.
 */
export function variantNumber(variant: VariantName): number {
  return VARIANTS.indexOf(variant) + 1;
}

/** The persona's text fields as [field name as the persona file spells it, value]. */
function textFields(p: Persona): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const f of TEXT_FIELDS) if (typeof p[f] === 'string') out.push([f, p[f]]);
  for (const [k, v] of Object.entries(p.extra ?? {})) if (typeof v === 'string') out.push([`extra.${k}`, v]);
  return out;
}

/** A text field's value by the name templatedFields gives it ('email', 'extra.nickname'). */
export function fieldValue(p: Persona, field: string): string | undefined {
  return textFields(p).find(([f]) => f === field)?.[1];
}

function placeholdersIn(value: string): string[] {
  return [...value.matchAll(TOKEN)].flatMap((m) => (m[1] ? [m[1]] : []));
}

/** Fields that hold a placeholder; none means the persona is used as it is. */
export function templatedFields(p: Persona): string[] {
  return textFields(p).filter(([, v]) => placeholdersIn(v).length > 0 || v.includes('{{') || v.includes('}}')).map(([f]) => f);
}

/** Throws an input error naming `file` and the field for a placeholder privlab does not know. */
export function checkPersonaTemplate(p: Persona, file: string): void {
  for (const f of FIXED_FIELDS) {
    const v = p[f];
    if (typeof v === 'string' && placeholdersIn(v).length) throw new InputError(`${file}: persona.${f} takes no placeholders (one value for every variant: the rules read it)`, file);
  }
  for (const [field, value] of textFields(p)) {
    const bad = placeholdersIn(value).find((x) => !(PERSONA_PLACEHOLDERS as readonly string[]).includes(x));
    if (bad !== undefined) {
      const known = PERSONA_PLACEHOLDERS.map((x) => `{${x}}`).join(', ');
      throw new InputError(`${file}: persona.${field}: unknown placeholder {${bad}} (known: ${known}; write {{ and }} for literal braces)`, file);
    }
  }
}

export interface ExpandedPersona {
  persona: Persona;
  /** Fields left empty because a slot they name is not known (they are not sought), with the slots missing. */
  unexpanded: Array<{ field: string; missing: Placeholder[] }>;
}

/** The persona with its placeholders filled; a field naming a slot not given is emptied and listed. */
export function expandPersona(p: Persona, slots: PersonaSlots): ExpandedPersona {
  const values: Partial<Record<Placeholder, string>> = {
    ...(slots.variant ? { variant: slots.variant, n: String(variantNumber(slots.variant)) } : {}),
    ...(slots.runId ? { run: shortRunId(slots.runId) } : {}),
  };
  const unexpanded: ExpandedPersona['unexpanded'] = [];
  const expand = (field: string, value: string): string => {
    const missing = [...new Set(placeholdersIn(value))].filter((x): x is Placeholder => values[x as Placeholder] === undefined);
    if (missing.length) {
      unexpanded.push({ field, missing });
      return '';
    }
    return value.replace(TOKEN, (m, name?: string) => (name ? values[name as Placeholder]! : m[0]!));
  };
  const out: Persona = { ...p };
  for (const f of TEXT_FIELDS) {
    const v = p[f];
    if (typeof v === 'string') out[f] = expand(f, v);
  }
  if (p.extra) out.extra = Object.fromEntries(Object.entries(p.extra).map(([k, v]) => [k, typeof v === 'string' ? expand(`extra.${k}`, v) : v]));
  return { persona: out, unexpanded };
}
