#!/usr/bin/env node
// Starts the compiled CLI in dist/. In a source checkout whose dist/ is missing or older than the
// sources (or with PRIVLAB_FROM_SOURCE=1), it runs the TypeScript sources through tsx instead, so an
// edit is never hidden behind a stale build.
import { fileURLToPath } from 'node:url';
import { distIsCurrent, isSourceCheckout } from './dist-state.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const fromSource = isSourceCheckout(root) && (process.env.PRIVLAB_FROM_SOURCE === '1' || !distIsCurrent(root));
if (fromSource) {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli/main.ts');
} else {
  await import('../dist/src/cli/main.js');
}
