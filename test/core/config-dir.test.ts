import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { privlabHome } from '../../src/core/config-dir.ts';

describe('privlabHome', () => {
  const base = () => mkdtempSync(join(tmpdir(), 'privlab-home-'));

  it('prefers $PRIVLAB_HOME and creates it owner-only', () => {
    const dir = join(base(), 'ph');
    expect(privlabHome({ PRIVLAB_HOME: dir, XDG_CONFIG_HOME: base() })).toBe(dir);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
  });

  it('falls back to $XDG_CONFIG_HOME/privlab', () => {
    const xdg = base();
    expect(privlabHome({ XDG_CONFIG_HOME: xdg })).toBe(join(xdg, 'privlab'));
  });

  it('falls back to ~/.config/privlab', () => {
    const home = base();
    expect(privlabHome({ HOME: home })).toBe(join(home, '.config', 'privlab'));
  });
});
