// The version written into run.json, findings.json and reports.
import { readFileSync } from 'node:fs';
import { packagePath } from './package-root.ts';

const pkg = JSON.parse(readFileSync(packagePath('package.json'), 'utf8')) as { version: string };
export const PRIVLAB_VERSION: string = pkg.version;
