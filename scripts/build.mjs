// Compiles src/ and drivers/ to dist/ (JavaScript, declarations, source maps) and stamps the build.
// `--if-stale` skips the compile when dist/ is already newer than every source (scripts/setup.sh).
import { execFileSync } from 'node:child_process';
import { copyFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { STAMP, distIsCurrent } from '../bin/dist-state.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
if (process.argv.includes('--if-stale') && distIsCurrent(root)) process.exit(0);

// Unstamped while compiling, so a privlab started meanwhile runs from the sources, not a half-written dist/.
rmSync(`${root}/${STAMP}`, { force: true });
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
try {
  // Diagnostics go to stderr: stdout belongs to whoever ran the build (npm pack --json prints there).
  execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: root, stdio: ['ignore', process.stderr, 'inherit'] });
} catch (e) {
  // tsc exits 2 when it found type errors but emitted everything: that JavaScript is what tsx would run
  // from the same sources, so it is used; type errors are `npm run typecheck`'s to fail on.
  if (e.status !== 2) {
    console.error(`build: tsc failed (exit ${e.status}) and emitted nothing usable; dist/ is left unstamped`);
    process.exit(1);
  }
  console.error('build: type errors above (npm run typecheck); dist/ emitted anyway');
}
// Files tsc does not emit but the compiled code reads beside itself.
copyFileSync(`${root}/src/capture/mitmproxy_addon.py`, `${root}/dist/src/capture/mitmproxy_addon.py`);
writeFileSync(`${root}/${STAMP}`, `${new Date().toISOString()}\n`);
