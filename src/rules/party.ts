// How a receiving party is named in reasoning lines.

import type { Party } from '../core/observation.ts';

const KIND_LABEL: Record<Party['kind'], string> = {
  first: 'first party',
  third: 'third party',
  harness: 'harness',
  unknown: 'unattributed',
};

/** "face.cloud.test (FaceCloud Ltd., third party)" */
export function describeParty(p: Party): string {
  const who = p.organisation ?? p.vendor;
  return `${p.host} (${who ? `${who}, ` : ''}${KIND_LABEL[p.kind]})`;
}
