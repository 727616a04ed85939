// Debian Chromium: where it is, and the flags every driver launches it with.

import { existsSync } from 'node:fs';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/lib/chromium/chromium'];

export function findChromium(): string {
  const fromEnv = process.env.PRIVLAB_CHROMIUM;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`PRIVLAB_CHROMIUM=${fromEnv}: no such file`);
    return fromEnv;
  }
  const found = CANDIDATES.find((p) => existsSync(p));
  if (!found) throw new Error('Chromium not found: install it with `apt-get install chromium` (or run `npm run setup`)');
  return found;
}

export interface ChromiumArgOptions {
  /** Trust the interception CA by SPKI pin, browser-wide. */
  caSpkiSha256: string;
  /** y4m played as the camera. */
  fakeCameraVideo?: string;
}

export function chromiumArgs(o: ChromiumArgOptions): string[] {
  const args = [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-dev-shm-usage',
    // Keep the browser's own traffic to a minimum; what remains is labelled 'harness' by the proxy.
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-quic',
    `--ignore-certificate-errors-spki-list=${o.caSpkiSha256}`,
    '--use-fake-ui-for-media-stream',
  ];
  if (o.fakeCameraVideo) {
    args.push('--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${o.fakeCameraVideo}`);
  }
  return args;
}
