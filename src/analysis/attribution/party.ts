// Who receives a flow: the app's own servers (first party), the browser/harness itself, or a third
// party, named from config/vendors.yaml when its host is a known vendor's, else from the lab's installed
// Ghostery TrackerDB (src/core/tracker-db.ts), which the party then names as its source.

import { getDomain } from 'tldts';
import type { Catalogs } from '../../core/catalog.ts';
import { browserHostFor, vendorForHost } from '../../core/catalog-loader.ts';
import type { FlowClient } from '../../core/flow.ts';
import type { Party } from '../../core/observation.ts';
import type { Target } from '../../core/target.ts';
import { trackerForHost } from '../../core/tracker-db.ts';

export function hostOf(url: string): string {
  try {
    return new URL(url).hostname.toLowerCase().replace(/^\[|\]$/g, '');
  } catch {
    return '';
  }
}

/** Registrable domain (eTLD+1, private suffixes honoured); the host itself for IPs and single labels. */
export function registrableDomain(host: string): string {
  return getDomain(host, { allowPrivateDomains: true }) ?? host;
}

function isFirstParty(host: string, domain: string, firstParty: string[]): boolean {
  return firstParty.some((entry) => {
    const fp = entry.toLowerCase().replace(/^\*\./, '').replace(/\.$/, '');
    return host === fp || host.endsWith(`.${fp}`) || domain === fp || domain === registrableDomain(fp);
  });
}

export function partyFor(
  url: string,
  target: Pick<Target, 'firstParty'>,
  catalogs: Catalogs,
  client: FlowClient = 'app',
): Party {
  const host = hostOf(url);
  const domain = host ? registrableDomain(host) : '';
  if (!host) return { kind: 'unknown', host, domain };
  if (client === 'harness' || browserHostFor(catalogs, host)) return { kind: 'harness', host, domain };
  if (isFirstParty(host, domain, target.firstParty ?? [])) return { kind: 'first', host, domain };
  const party: Party = { kind: 'third', host, domain };
  const vendor = vendorForHost(catalogs, host);
  if (vendor) {
    party.vendor = vendor.id;
    party.organisation = vendor.organisation;
    party.service = vendor.service ?? vendor.name;
    party.serviceKind = vendor.kind;
    return party;
  }
  const tracker = catalogs.trackerDb && trackerForHost(catalogs.trackerDb, host);
  if (tracker) {
    party.organisation = tracker.organisation;
    party.service = tracker.service;
    if (tracker.kind) party.serviceKind = tracker.kind;
    party.namedBy = catalogs.trackerDb!.licence;
  }
  return party;
}
