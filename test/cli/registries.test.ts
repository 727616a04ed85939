// Engine, driver, variant, severity and CA-store names live in one list each in src/core: the CLI's
// choices and every schema under config/schema/ must say the same, or a name works in one place only.

import { readdirSync, readFileSync } from 'node:fs';
import { Command, type Option } from 'commander';
import { describe, expect, it } from 'vitest';
import { register as registerCapture } from '../../src/cli/commands/capture.ts';
import { register as registerRun } from '../../src/cli/commands/run.ts';
import { CAPTURE_ENGINES } from '../../src/core/capture.ts';
import { ANDROID_CA_STORES, DRIVER_NAMES } from '../../src/core/driver.ts';
import { SEVERITIES } from '../../src/core/finding.ts';
import { VARIANTS } from '../../src/core/phase.ts';

const SCHEMA_DIR = new URL('../../config/schema/', import.meta.url);

/** Every `enum` of every schema under config/schema/, with where it sits. */
function schemaEnums(): Array<{ where: string; values: unknown[] }> {
  const out: Array<{ where: string; values: unknown[] }> = [];
  const walk = (node: unknown, where: string): void => {
    if (Array.isArray(node)) return node.forEach((n, i) => walk(n, `${where}/${i}`));
    if (!node || typeof node !== 'object') return;
    for (const [k, v] of Object.entries(node)) {
      if (k === 'enum' && Array.isArray(v)) out.push({ where, values: v });
      else walk(v, `${where}/${k}`);
    }
  };
  for (const file of readdirSync(SCHEMA_DIR).filter((f) => f.endsWith('.json'))) {
    walk(JSON.parse(readFileSync(new URL(file, SCHEMA_DIR), 'utf8')), file);
  }
  return out;
}

function choicesOf(register: (p: Command) => void, command: string, flag: string): readonly string[] | undefined {
  const program = new Command();
  register(program);
  const option = program.commands.find((c) => c.name() === command)!.options.find((o: Option) => o.long === flag);
  return option?.argChoices;
}

describe('one list per name set', () => {
  it('every schema enum naming one of these sets lists exactly the core list', () => {
    const lists: Array<[string, readonly string[]]> = [
      ['variants', VARIANTS],
      ['capture engines', CAPTURE_ENGINES],
      ['drivers', DRIVER_NAMES],
      ['severities', SEVERITIES],
      ['Android CA stores', ANDROID_CA_STORES],
    ];
    const enums = schemaEnums();
    for (const [name, list] of lists) {
      const copies = enums.filter((e) => e.values.includes(list[0]));
      expect(copies.length, `${name}: no schema names them`).toBeGreaterThan(0);
      for (const c of copies) expect(c.values, `${name} in ${c.where}`).toEqual([...list]);
    }
  });

  it('the CLI offers the core lists as choices', () => {
    expect(choicesOf(registerRun, 'run', '--capture')).toEqual([...CAPTURE_ENGINES]);
    expect(choicesOf(registerRun, 'run', '--driver')).toEqual([...DRIVER_NAMES]);
    expect(choicesOf(registerCapture, 'capture', '--capture')).toEqual([...CAPTURE_ENGINES]);
  });
});
