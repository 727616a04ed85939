// Shapes of the YAML catalogs under config/ (each validated by a JSON Schema in config/schema/).

import type { Bilingual } from './finding.ts';
import type { TrackerDb } from './tracker-db.ts';

/** config/categories.yaml: the 39 app categories of 国信办秘字〔2021〕14号 Art. 5. */
export interface Category {
  id: number;
  slug: string;
  zh: string;
  en: string;
  basicFunction: Bilingual;
  /** True for the 13 categories whose basic function needs no personal information. */
  noPiNeeded: boolean;
  /** Transcriber's remark on the category (e.g. a list lacking the phone number, a single-source wording). */
  note?: string;
  necessaryPi: Array<{ piType: string; zh: string; subject?: string; condition?: string; note?: string }>;
}

/** config/pi-types.yaml */
export interface PiType {
  slug: string;
  zh: string;
  en: string;
  /** 敏感个人信息 under PIPL Art. 28 / GB/T 35273 Annex B. */
  sensitive: boolean;
  /** biometric, identity, device, location, financial, ... */
  group: string;
  /** Carries a person's biometrics when it leaves the device (face, voice, fingerprint, hand-held ID photo). */
  biometric?: boolean;
  /** Biometrics, identity documents and the ID number: proof of who the user is. */
  identityProof?: boolean;
  /** Typed to prove who the user is (password, SMS code): a means of the flow, not PI collected for a purpose. */
  credential?: boolean;
  /** Never written in clear (password, one-time code, security answer): observations keep its length, reports mask it. */
  secret?: boolean;
  /** APIs send the value as its MD5/SHA digest (hashed e-mail, md5 IMEI): a digest under the type's name is the value hashed. */
  sentHashed?: boolean;
  /** What a user signs in with (mobile number, e-mail, account name): re-sent to its holder, not collected anew. */
  signIn?: boolean;
  /** Key names (en, zh, pinyin, common abbreviations) that reveal this type when they name a field. */
  keys?: string[];
  /** Slugs of the categories' vocabulary this type satisfies (e.g. id_number satisfies id_type_and_number). */
  satisfies?: string[];
}

/** config/regulations.yaml */
export interface Clause {
  id: string;
  instrument: Bilingual;
  /** e.g. 第四条, Art. 4 */
  article: string;
  title: Bilingual;
  /** in-force | draft | practice (standards and enforcement practice) */
  status: 'in-force' | 'draft' | 'practice';
  source: string;
}

/** config/vendors.yaml: third-party services and SDK hosts. */
export interface Vendor {
  id: string;
  name: string;
  organisation: string;
  /** What the service does for the app: analytics, ads, push, crash, face-verification, kyc, payment, cdn, fonts... */
  kind: string;
  /** Host suffixes that identify the vendor. */
  domains: string[];
  service?: string;
  source?: string;
}

/** config/browser-hosts.yaml: hosts a browser calls for itself, never attributed to the app. */
export interface BrowserHost {
  host: string;
  reason: string;
}

/** config/consent-subjects.yaml: what a consent act can be about. */
export interface ConsentSubject {
  id: string;
  zh: string;
  en: string;
  /** The basic function cannot run without it (privacy policy, user agreement); every other subject is optional. */
  necessary: boolean;
  /** The business function it belongs to: one act covering subjects of different services is bundled consent. */
  service: string;
  /** Commercial messages or personalised ads: never pre-ticked, no ad identifiers before it is accepted. */
  marketing?: boolean;
  /** The consent every PI of a person younger than this needs (a guardian's, PIPL Art. 31). */
  underAge?: number;
  /** PI types (slugs of pi-types.yaml) the consent covers. */
  piTypes: string[];
}

export interface Catalogs {
  categories: Category[];
  piTypes: PiType[];
  clauses: Clause[];
  vendors: Vendor[];
  browserHosts: BrowserHost[];
  consentSubjects: ConsentSubject[];
  /** The Ghostery Tracker Database, when the lab installed it (never bundled: CC-BY-NC-SA-4.0). */
  trackerDb?: TrackerDb;
}

/** The catalogs read from config/ (all but the optional, lab-installed TrackerDB). */
export type CatalogFile = Exclude<keyof Catalogs, 'trackerDb'>;
