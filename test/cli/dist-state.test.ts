// When bin/privlab.mjs may start the compiled CLI: always in an installed package; in a source checkout
// only while dist/ is newer than every source file and folder, so an edit is never hidden by a stale build.

import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { distIsCurrent, isSourceCheckout, STAMP } from '../../bin/dist-state.mjs';

const SECOND_AGO = () => new Date(Date.now() - 1000);

function checkout(): string {
  const root = mkdtempSync(join(tmpdir(), 'privlab-dist-'));
  mkdirSync(join(root, 'src/cli'), { recursive: true });
  mkdirSync(join(root, 'drivers'));
  mkdirSync(join(root, 'dist'));
  writeFileSync(join(root, 'src/cli/main.ts'), '');
  // sources a second old, so a stamp written now is newer whatever the file system's time resolution
  for (const f of ['src/cli/main.ts', 'src/cli', 'src', 'drivers']) utimesSync(join(root, f), SECOND_AGO(), SECOND_AGO());
  return root;
}

describe('dist-state', () => {
  it('a checkout without a stamped build runs from the sources', () => {
    const root = checkout();
    expect(isSourceCheckout(root)).toBe(true);
    expect(distIsCurrent(root)).toBe(false);
  });

  it('a build newer than every source is current; an edited, added or removed file makes it stale', () => {
    const root = checkout();
    writeFileSync(join(root, STAMP), 'built');
    expect(distIsCurrent(root)).toBe(true);

    const later = new Date(Date.now() + 5000);
    utimesSync(join(root, 'src/cli/main.ts'), later, later);
    expect(distIsCurrent(root)).toBe(false);

    writeFileSync(join(root, STAMP), 'rebuilt');
    utimesSync(join(root, STAMP), new Date(Date.now() + 10_000), new Date(Date.now() + 10_000));
    expect(distIsCurrent(root)).toBe(true);
    rmSync(join(root, 'src/cli/main.ts'));
    writeFileSync(join(root, 'src/cli/main.ts'), '');
    const newer = new Date(Date.now() + 20_000);
    utimesSync(join(root, 'src/cli'), newer, newer); // a folder's time moves when a file in it comes or goes
    expect(distIsCurrent(root)).toBe(false);
  });

  it('an installed package (no src/) uses its build whenever it has one', () => {
    const root = mkdtempSync(join(tmpdir(), 'privlab-installed-'));
    mkdirSync(join(root, 'dist'));
    expect(isSourceCheckout(root)).toBe(false);
    expect(distIsCurrent(root)).toBe(false);
    writeFileSync(join(root, STAMP), 'built');
    expect(distIsCurrent(root)).toBe(true);
  });
});
