// buildReports timestamps the signed manifest when a TSA is configured (--tsa or tsa.url in the config).

import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pipelineOptions, printResult } from '../../src/cli/options.ts';
import { buildReports } from '../../src/cli/pipeline.ts';
import { loadUserConfig } from '../../src/cli/user-config.ts';
import { verifyTimestamp } from '../../src/evidence/timestamp.ts';
import { makeRun, tempDir } from '../evidence/helpers.ts';
import { startLocalTsa, type LocalTsa } from '../evidence/local-tsa.ts';

let tsa: LocalTsa;
const savedHome = process.env.PRIVLAB_HOME;
beforeAll(async () => {
  process.env.PRIVLAB_HOME = tempDir('home');
  tsa = await startLocalTsa();
});
afterAll(async () => {
  await tsa.close();
  if (savedHome === undefined) delete process.env.PRIVLAB_HOME;
  else process.env.PRIVLAB_HOME = savedHome;
});

describe('RFC 3161 timestamp in the report pipeline', () => {
  it('tsa.url from privlab.config.yaml reaches buildReports, which writes and prints manifest.tsr', async () => {
    const cfgFile = join(tempDir('cfg'), 'privlab.config.yaml');
    writeFileSync(cfgFile, `tsa:\n  url: ${tsa.url}\n`);
    const opts = pipelineOptions({ lang: 'en', pdf: false }, loadUserConfig(cfgFile), () => {});
    expect(opts.tsaUrl).toBe(tsa.url);

    const { dir } = makeRun();
    const r = await buildReports(dir, opts);
    expect(r.timestamp?.path).toBe(join(dir, 'manifest.tsr'));
    expect(existsSync(r.timestamp!.path)).toBe(true);
    expect(await verifyTimestamp(r.manifest, tsa.caFile)).toMatchObject({ ok: true });
    const lines: string[] = [];
    printResult(dir, r, (l) => lines.push(l));
    expect(lines.join('\n')).toContain(`timestamp:       ${r.timestamp!.path}`);
  }, 120_000);

  it('--tsa wins over the config, and no TSA means no token', async () => {
    expect(pipelineOptions({ lang: 'en', pdf: false, tsa: 'http://a/tsa' }, { tsa: { url: 'http://b/tsa' } }, () => {}).tsaUrl).toBe('http://a/tsa');
    const { dir } = makeRun();
    const before = tsa.served();
    const r = await buildReports(dir, pipelineOptions({ lang: 'en', pdf: false }, {}, () => {}));
    expect(r.timestamp).toBeUndefined();
    expect(existsSync(join(dir, 'manifest.tsr'))).toBe(false);
    expect(tsa.served()).toBe(before);
  }, 120_000);

  it('an unknown key under tsa is refused by the config schema', () => {
    const cfgFile = join(tempDir('cfg'), 'privlab.config.yaml');
    writeFileSync(cfgFile, 'tsa:\n  adress: http://x\n');
    expect(() => loadUserConfig(cfgFile)).toThrow(/tsa/);
  });
});
