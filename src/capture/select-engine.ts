// Picks a capture engine by name (the --engine option).

import { CAPTURE_ENGINES, type CaptureEngine, type CaptureOptions, type LiveCaptureEngineName } from '../core/capture.ts';
import type { PrivlabCa } from './ca.ts';
import { createEmbeddedEngine } from './embedded.ts';
import { createMitmproxyEngine } from './mitmproxy.ts';

export { CAPTURE_ENGINES, type LiveCaptureEngineName };

/** ca: the interception CA (ensureCa()); when omitted the engine loads the user's at start(). */
export function createCaptureEngine(name: LiveCaptureEngineName, opts: CaptureOptions, ca?: PrivlabCa): CaptureEngine {
  switch (name) {
    case 'embedded':
      return createEmbeddedEngine(opts, ca);
    case 'mitmproxy':
      return createMitmproxyEngine(opts, ca);
    default:
      throw new Error(`unknown capture engine '${String(name)}': use one of ${CAPTURE_ENGINES.join(', ')}`);
  }
}
