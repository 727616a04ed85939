import { describe, expect, it } from 'vitest';
import { createMitmproxyEngine, findMitmdump } from '../../src/capture/mitmproxy.ts';
import { describeEngineContract } from './engine-contract.ts';

describeEngineContract('mitmproxy', (opts, ca) => createMitmproxyEngine(opts, ca));

describe('findMitmdump', () => {
  it('finds Debian\'s mitmdump', () => {
    expect(findMitmdump('')).toMatch(/\/mitmdump$/);
  });

  it('says how to install mitmproxy when mitmdump is missing', () => {
    expect(() => findMitmdump('/nonexistent', [])).toThrow(/apt-get install mitmproxy/);
  });
});
