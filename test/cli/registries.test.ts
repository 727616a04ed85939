// Engine, driver, variant, severity and CA-store names live in one list each in src/core: the CLI's
// choices and privlab.config.yaml's schema must say the same, or a name works in one place only.

import { readFileSync } from 'node:fs';
import { Command, type Option } from 'commander';
import { describe, expect, it } from 'vitest';
import { register as registerCapture } from '../../src/cli/commands/capture.ts';
import { register as registerRun } from '../../src/cli/commands/run.ts';
import { CAPTURE_ENGINES } from '../../src/core/capture.ts';
import { ANDROID_CA_STORES, DRIVER_NAMES } from '../../src/core/driver.ts';
import { SEVERITIES } from '../../src/core/finding.ts';
import { VARIANTS } from '../../src/core/phase.ts';

interface SchemaNode {
  enum?: string[];
  items?: SchemaNode;
  properties?: Record<string, SchemaNode>;
}
const schema = JSON.parse(readFileSync(new URL('../../config/schema/privlab-config.schema.json', import.meta.url), 'utf8')) as SchemaNode;
const prop = (...path: string[]): SchemaNode => path.reduce((n, k) => n.properties![k]!, schema);

function choicesOf(register: (p: Command) => void, command: string, flag: string): readonly string[] | undefined {
  const program = new Command();
  register(program);
  const option = program.commands.find((c) => c.name() === command)!.options.find((o: Option) => o.long === flag);
  return option?.argChoices;
}

describe('one list per name set', () => {
  it('privlab.config.yaml schema enums are the core lists', () => {
    expect(prop('capture').enum).toEqual([...CAPTURE_ENGINES]);
    expect(prop('driver').enum).toEqual([...DRIVER_NAMES]);
    expect(prop('variants').items!.enum).toEqual([...VARIANTS]);
    expect(prop('failOn').enum).toEqual([...SEVERITIES]);
    expect(prop('appium', 'caStore').enum).toEqual([...ANDROID_CA_STORES]);
  });

  it('the CLI offers the core lists as choices', () => {
    expect(choicesOf(registerRun, 'run', '--capture')).toEqual([...CAPTURE_ENGINES]);
    expect(choicesOf(registerRun, 'run', '--driver')).toEqual([...DRIVER_NAMES]);
    expect(choicesOf(registerCapture, 'capture', '--capture')).toEqual([...CAPTURE_ENGINES]);
  });
});
