// Identical media analysed once per run: the same photo uploaded by every variant (or every retry) is
// inspected once. Keyed by the bytes' SHA-256 and the hint, which is all an inspection depends on.

import { createHash } from 'node:crypto';
import type { InspectMedia } from './analyze-flow.ts';

/** Results kept (each a few short strings); the oldest goes first beyond this. */
const MAX_ENTRIES = 4096;

export function cachedInspect(inspect: InspectMedia): InspectMedia {
  const results = new Map<string, ReturnType<InspectMedia>>();
  return (bytes, hint) => {
    const key = `${createHash('sha256').update(bytes).digest('hex')}\u0000${hint.contentType ?? ''}\u0000${hint.filename ?? ''}\u0000${hint.fieldName ?? ''}\u0000${hint.urlPath ?? ''}`;
    let r = results.get(key);
    if (!r) {
      if (results.size >= MAX_ENTRIES) results.delete(results.keys().next().value!);
      results.set(key, (r = inspect(bytes, hint)));
      // A failed inspection is not remembered: the flow that hit it is noted, the next one tries again.
      r.catch(() => results.delete(key));
    }
    return r;
  };
}
