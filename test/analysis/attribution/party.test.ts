import { describe, expect, it } from 'vitest';
import { partyFor } from '../../../src/analysis/attribution/party.ts';
import { testCatalogs } from '../helpers.ts';

describe('partyFor', () => {
  const catalogs = testCatalogs();
  const target = { firstParty: ['lovelink.test'] };

  it('first party by registrable domain or subdomain', () => {
    expect(partyFor('https://api.lovelink.test/x', target, catalogs)).toMatchObject({ kind: 'first', host: 'api.lovelink.test', domain: 'lovelink.test' });
    expect(partyFor('https://lovelink.test/', target, catalogs).kind).toBe('first');
    expect(partyFor('https://lovelink.test.evil.cn/', target, catalogs).kind).toBe('third');
  });

  it('harness for the browser client and for browser hosts', () => {
    expect(partyFor('https://api.lovelink.test/x', target, catalogs, 'harness').kind).toBe('harness');
    expect(partyFor('https://update.googleapis.com/service', target, catalogs).kind).toBe('harness');
  });

  it('names third parties from vendors.yaml, longest domain first', () => {
    const faceid = partyFor('https://faceid.tencentcloudapi.com/', target, catalogs);
    expect(faceid).toMatchObject({ kind: 'third', vendor: 'tencent-faceid', domain: 'tencentcloudapi.com' });
    expect(faceid.organisation).toMatch(/腾讯/);
    const unknown = partyFor('https://cdn.example-unknown.cn/a', target, catalogs);
    expect(unknown).toMatchObject({ kind: 'third', domain: 'example-unknown.cn' });
    expect(unknown.vendor).toBeUndefined();
  });

  it('unknown for unparseable URLs', () => {
    expect(partyFor('not a url', target, catalogs).kind).toBe('unknown');
  });
});
