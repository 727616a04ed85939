// Every rule the engine runs, in the order reports list them.
// A rule's meta.severity is the most it assigns; over-collection, collection-before-consent,
// undisclosed-third-party and cancellation-demands-more lower it per finding (medium unless the PI is
// sensitive, or for cancellation an identity proof), as their descriptions say.

import type { Rule } from '../core/rule.ts';
import { biometricThirdParty } from './biometric-third-party.ts';
import { biometricUpload } from './biometric-upload.ts';
import { bundledConsent } from './bundled-consent.ts';
import { cancellationDemandsMore } from './cancellation-demands-more.ts';
import { cancellationIneffective } from './cancellation-ineffective.ts';
import { cancellationMissing } from './cancellation-missing.ts';
import { collectionBeforeConsent } from './collection-before-consent.ts';
import { consentReAsked } from './consent-re-asked.ts';
import { consentWithdrawal } from './consent-withdrawal.ts';
import { faceOnly } from './face-only.ts';
import { forcedNonNecessary } from './forced-non-necessary.ts';
import { marketingWithoutConsent } from './marketing-without-consent.ts';
import { overCollection } from './over-collection.ts';
import { sensitiveNoSeparateConsent } from './sensitive-no-separate-consent.ts';
import { sensitiveOverHttp } from './sensitive-over-http.ts';
import { undisclosedThirdParty } from './undisclosed-third-party.ts';

export const RULES: readonly Rule[] = [
  overCollection,
  forcedNonNecessary,
  faceOnly,
  biometricUpload,
  biometricThirdParty,
  sensitiveNoSeparateConsent,
  collectionBeforeConsent,
  bundledConsent,
  consentWithdrawal,
  consentReAsked,
  marketingWithoutConsent,
  undisclosedThirdParty,
  cancellationMissing,
  cancellationDemandsMore,
  cancellationIneffective,
  sensitiveOverHttp,
];
