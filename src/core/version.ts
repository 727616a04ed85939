// The version written into run.json, findings.json and reports.
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
export const PRIVLAB_VERSION: string = pkg.version;
