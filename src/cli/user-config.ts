// privlab.config.yaml in the working directory: defaults a lab sets once (variants, engine, lab name).

import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Ajv } from 'ajv';
import { parse as parseYaml } from 'yaml';
import type { LiveCaptureEngineName } from '../core/capture.ts';
import type { AppiumSettings, DriverName } from '../core/driver.ts';
import type { Severity } from '../core/finding.ts';
import type { VariantName } from '../core/phase.ts';
import { packagePath } from '../core/package-root.ts';
import type { ReportSigning } from '../report/lab/index.ts';
import { UserError } from './errors.ts';

export interface UserConfig {
  variants?: VariantName[];
  capture?: LiveCaptureEngineName;
  driver?: DriverName;
  lab?: string;
  failOn?: Severity;
  outRoot?: string;
  appium?: AppiumSettings;
  /** Lab report cover: report number scheme, client, signatories. */
  report?: ReportSigning;
  /** RFC 3161 time-stamp authority for manifest.json. */
  tsa?: { url: string };
  /** The lab's copy of the Ghostery Tracker Database (trackerdb.json; CC-BY-NC-SA-4.0, never bundled). */
  trackerDb?: string;
}

export const USER_CONFIG_FILE = 'privlab.config.yaml';

const schema = JSON.parse(readFileSync(packagePath('config/schema/privlab-config.schema.json'), 'utf8')) as object;

export function loadUserConfig(file = resolve(process.env.PRIVLAB_CONFIG ?? USER_CONFIG_FILE)): UserConfig {
  if (!existsSync(file)) return {};
  let data: unknown;
  try {
    data = parseYaml(readFileSync(file, 'utf8')) ?? {};
  } catch (e) {
    throw new UserError(`${file}: not valid YAML: ${(e as Error).message.split('\n')[0]}`);
  }
  const validate = new Ajv({ allErrors: false }).compile<UserConfig>(schema);
  if (!validate(data)) {
    const err = validate.errors?.[0];
    throw new UserError(`${file}: ${err?.instancePath || '(top level)'} ${err?.message ?? 'is invalid'}; see config/schema/privlab-config.schema.json`);
  }
  return data;
}

/**
 * privlab.config.yaml `trackerDb` (relative to the config file) becomes PRIVLAB_TRACKERDB, where the catalogs
 * look for it; an explicit PRIVLAB_TRACKERDB wins.
 */
export function applyTrackerDbSetting(env: NodeJS.ProcessEnv = process.env, file = resolve(env.PRIVLAB_CONFIG ?? USER_CONFIG_FILE)): void {
  if (env.PRIVLAB_TRACKERDB) return;
  const { trackerDb } = loadUserConfig(file);
  if (trackerDb) env.PRIVLAB_TRACKERDB = resolve(dirname(file), trackerDb);
}
