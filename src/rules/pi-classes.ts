// What the PI-type catalog says about a type, as the rules need it: label, sensitivity, biometric, identity
// proof or credential. The catalog decides; no slug is named here.

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

/** Types that carry a person's biometrics when they leave the device (pi-types.yaml `biometric`). */
export function isBiometric(catalogs: Catalogs, slug: string): boolean {
  return piType(catalogs, slug)?.biometric === true;
}

/** What a cancellation most often demands anew (pi-types.yaml `identityProof`). */
export function isIdentityProof(catalogs: Catalogs, slug: string): boolean {
  return piType(catalogs, slug)?.identityProof === true;
}

/** Typed to prove who the user is (pi-types.yaml `credential`): not PI collected for a purpose. */
export function isCredential(catalogs: Catalogs, slug: string): boolean {
  return piType(catalogs, slug)?.credential === true;
}

/** What a user signs in with (pi-types.yaml `signIn`). */
export function isSignIn(catalogs: Catalogs, slug: string): boolean {
  return piType(catalogs, slug)?.signIn === true;
}

/** high for sensitive PI (PIPL Art. 28), medium otherwise. */
export function severityBySensitivity(catalogs: Catalogs, slugs: readonly string[]): Severity {
  return slugs.some((s) => isSensitive(catalogs, s)) ? 'high' : 'medium';
}
