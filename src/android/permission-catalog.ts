// config/android-permissions.yaml: which Android permissions are dangerous and what PI each opens,
// and, for an APK and an app category, which of them the category's necessary information does not justify.

import { join } from 'node:path';
import { CatalogError, DEFAULT_CONFIG_DIR, loadCatalogFile, loadCatalogs, necessarySlugsFor } from '../core/catalog-loader.ts';

export interface DangerousPermission {
  permission: string;
  group: string;
  since: number;
  personal: boolean;
  piTypes: string[];
  access: string;
}

export interface PermissionVerdict {
  name: string;
  dangerous: boolean;
  /** Only for dangerous permissions. */
  group?: string;
  piTypes?: string[];
  access?: string;
  /** Set when a category is given: a dangerous permission none of whose PI types the category needs. */
  notNeeded?: boolean;
}

export function loadAndroidPermissions(configDir = DEFAULT_CONFIG_DIR): Map<string, DangerousPermission> {
  const file = join(configDir, 'android-permissions.yaml');
  const list = loadCatalogFile<DangerousPermission>(file, join(configDir, 'schema', 'android-permissions.schema.json'));
  const known = new Set(loadCatalogs(configDir).piTypes.map((t) => t.slug));
  const out = new Map<string, DangerousPermission>();
  for (const p of list) {
    const unknown = p.piTypes.find((t) => !known.has(t));
    if (unknown) throw new CatalogError(`${file}: ${p.permission}: unknown PI type "${unknown}" (not in pi-types.yaml)`, file);
    if (out.has(p.permission)) throw new CatalogError(`${file}: ${p.permission} is listed twice`, file);
    out.set(p.permission, p);
  }
  return out;
}

/**
 * Classifies each requested permission. With a category, a dangerous permission that opens personal
 * information is "not needed" when none of its PI types is in the category's necessary set.
 */
export function classifyPermissions(
  requested: string[],
  catalog: Map<string, DangerousPermission>,
  necessary?: Set<string>,
): PermissionVerdict[] {
  return requested.map((name) => {
    const d = catalog.get(name);
    if (!d) return { name, dangerous: false };
    const verdict: PermissionVerdict = { name, dangerous: true, group: d.group, piTypes: d.piTypes, access: d.access };
    if (necessary) verdict.notNeeded = d.personal && !d.piTypes.some((t) => necessary.has(t));
    return verdict;
  });
}

export function necessaryFor(category: string, configDir = DEFAULT_CONFIG_DIR): Set<string> {
  return necessarySlugsFor(loadCatalogs(configDir), category);
}
