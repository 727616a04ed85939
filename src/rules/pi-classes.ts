// What the PI-type catalog says about a type, as the rules need it: label, sensitivity, biometric or identity.

import { piTypeBySlug as piType } from '../core/catalog-loader.ts';
import type { Catalogs } from '../core/catalog.ts';
import type { Severity } from '../core/finding.ts';

/** "education (学历)" for reasoning lines; the bare slug when the catalog does not know it. */
export function piLabel(catalogs: Catalogs, slug: string): string {
  const t = piType(catalogs, slug);
  return t ? `${slug} (${t.zh})` : slug;
}

export function piLabels(catalogs: Catalogs, slugs: readonly string[]): string {
  return slugs.map((s) => piLabel(catalogs, s)).join(', ');
}

export function isSensitive(catalogs: Catalogs, slug: string): boolean {
  return piType(catalogs, slug)?.sensitive === true;
}

/**
 * Types that carry a person's biometrics when they leave the device: the catalog's biometric group, and
 * the hand-held ID photo, which is a face image next to an identity document.
 */
export function isBiometric(catalogs: Catalogs, slug: string): boolean {
  return slug === 'handheld_id_photo' || piType(catalogs, slug)?.group === 'biometric';
}

/** Biometrics, identity documents and the ID number: what a cancellation most often demands anew. */
export function isIdentityProof(catalogs: Catalogs, slug: string): boolean {
  const group = piType(catalogs, slug)?.group;
  return slug === 'id_number' || group === 'document' || isBiometric(catalogs, slug);
}

/** high for sensitive PI (PIPL Art. 28), medium otherwise. */
export function severityBySensitivity(catalogs: Catalogs, slugs: readonly string[]): Severity {
  return slugs.some((s) => isSensitive(catalogs, s)) ? 'high' : 'medium';
}
