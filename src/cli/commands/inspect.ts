// `privlab inspect <apk>`: an APK's manifest (package, version, SDK levels, permissions) and, for an
// app category, the dangerous permissions its necessary personal information does not justify.

import type { Command } from 'commander';
import type { ApkManifest } from '../../android/apk-manifest.ts';
import type { PermissionVerdict } from '../../android/permission-catalog.ts';
import { UserError } from '../errors.ts';

interface InspectFlags {
  category?: string;
  json?: boolean;
}

export interface InspectResult {
  manifest: ApkManifest;
  category?: string;
  permissions: PermissionVerdict[];
  dangerous: string[];
  notNeeded?: string[];
}

export async function inspectApk(file: string, category?: string): Promise<InspectResult> {
  const { readApkManifest } = await import('../../android/apk-manifest.ts');
  const { classifyPermissions, loadAndroidPermissions, necessaryFor } = await import('../../android/permission-catalog.ts');
  const manifest = await readApkManifest(file).catch((e: Error) => {
    throw new UserError(`${e.message}; give the path of an Android .apk file`);
  });
  const permissions = classifyPermissions(manifest.permissions, loadAndroidPermissions(), category ? necessaryFor(category) : undefined);
  return {
    manifest,
    ...(category ? { category } : {}),
    permissions,
    dangerous: permissions.filter((p) => p.dangerous).map((p) => p.name),
    ...(category ? { notNeeded: permissions.filter((p) => p.notNeeded).map((p) => p.name) } : {}),
  };
}

export function formatInspect(r: InspectResult): string {
  const m = r.manifest;
  const lines = [
    `${m.file}`,
    `  package      ${m.package}`,
    `  version      ${m.versionName ?? '?'} (versionCode ${m.versionCode ?? '?'})`,
    `  SDK          min ${m.minSdk ?? '?'}, target ${m.targetSdk ?? '?'}`,
    `  permissions  ${m.permissions.length} requested, ${r.dangerous.length} dangerous${r.category ? `, ${r.notNeeded!.length} not needed by ${r.category}` : ''}`,
    '',
  ];
  for (const p of r.permissions) {
    const mark = p.notNeeded ? '!' : p.dangerous ? '*' : ' ';
    const detail = p.dangerous ? `  dangerous (${p.group}): ${p.access}${p.piTypes!.length ? ` [${p.piTypes!.join(', ')}]` : ''}` : '';
    lines.push(`  ${mark} ${p.name}${detail}`);
  }
  lines.push('', `  * dangerous${r.category ? `   ! dangerous and not needed for category ${r.category} (none of its PI types is necessary)` : ''}`);
  return lines.join('\n');
}

export function register(program: Command): void {
  program
    .command('inspect')
    .description('Read an APK\'s manifest without a device: package, version, SDK levels and requested permissions, marking the dangerous ones; with --category, flag the dangerous permissions whose personal information the category does not need.')
    .argument('<apk>', 'Android package file (.apk)')
    .option('-c, --category <slug>', 'app category slug from config/categories.yaml (see privlab categories), to flag permissions it does not need')
    .option('--json', 'print the result as JSON instead of text')
    .action(async (apk: string, f: InspectFlags) => {
      const result = await inspectApk(apk, f.category);
      process.stdout.write(`${f.json ? JSON.stringify(result, null, 2) : formatInspect(result)}\n`);
    });
}
