// RFC 3161 trusted timestamp of manifest.json: proves to a third party that the signed manifest
// existed at the TSA's time. The request and the check are made by the openssl command line
// (`openssl ts`), which is on the lab machines; the request travels by HTTP POST to the TSA.

import { execFile } from 'node:child_process';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { TIMESTAMP_FILE } from './manifest.ts';

const run = promisify(execFile);

export class TimestampError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(`${file}: ${message}`);
    this.name = 'TimestampError';
  }
}

export interface TimestampOptions {
  /** Give up on the TSA after this long (default 30 s). */
  timeoutMs?: number;
}

/** Asks the TSA to timestamp manifest.json; stores the reply beside it as manifest.tsr. */
export async function timestampManifest(manifestPath: string, tsaUrl: string, opts: TimestampOptions = {}): Promise<{ path: string; genTime: string }> {
  // -cert asks the TSA to include its certificate, so the token can be checked with the CA alone.
  const query = await openssl(manifestPath, ['ts', '-query', '-data', manifestPath, '-sha256', '-cert']);
  let reply: Buffer;
  try {
    const res = await fetch(tsaUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/timestamp-query' },
      body: new Uint8Array(query),
      signal: AbortSignal.timeout(opts.timeoutMs ?? 30_000),
    });
    if (!res.ok) throw new Error(`HTTP ${res.status} ${res.statusText}`);
    reply = Buffer.from(await res.arrayBuffer());
  } catch (e) {
    throw new TimestampError(manifestPath, `the time-stamp authority ${tsaUrl} did not answer (${(e as Error).message}); check the TSA URL and the network`);
  }
  const path = join(dirname(manifestPath), TIMESTAMP_FILE);
  writeFileSync(`${path}.tmp`, reply);
  const genTime = await readGenTime(`${path}.tmp`).catch((e: Error) => {
    throw new TimestampError(manifestPath, `the reply of ${tsaUrl} is not a granted time-stamp token (${e.message})`);
  });
  renameSync(`${path}.tmp`, path);
  return { path, genTime };
}

export interface TimestampCheck {
  ok: boolean;
  /** The TSA's time, as openssl prints it. */
  genTime?: string;
  /** openssl's own words when the check fails. */
  message: string;
}

/** Checks manifest.tsr against manifest.json and the TSA's CA certificate (PEM). */
export async function verifyTimestamp(manifestPath: string, caFile: string): Promise<TimestampCheck> {
  const tsr = join(dirname(manifestPath), TIMESTAMP_FILE);
  readFileSync(caFile); // a missing CA file is the user's error, not a failed check
  try {
    const { stdout } = await run('openssl', ['ts', '-verify', '-data', manifestPath, '-in', tsr, '-CAfile', caFile], { encoding: 'utf8' });
    return { ok: /Verification: OK/.test(stdout), genTime: await readGenTime(tsr), message: stdout.trim() };
  } catch (e) {
    const err = e as { stderr?: string; stdout?: string; message: string };
    return { ok: false, message: `${err.stdout ?? ''}${err.stderr ?? err.message}`.trim().split('\n').slice(0, 3).join(' ') };
  }
}

async function readGenTime(tsrFile: string): Promise<string> {
  const { stdout } = await run('openssl', ['ts', '-reply', '-in', tsrFile, '-text'], { encoding: 'utf8' });
  if (!/Status: Granted/.test(stdout)) throw new Error(stdout.match(/Status: .*/)?.[0] ?? 'no status');
  const m = /Time stamp: (.+)/.exec(stdout);
  if (!m) throw new Error('no time in the token');
  return m[1]!.trim();
}

async function openssl(file: string, args: string[]): Promise<Buffer> {
  try {
    const { stdout } = await run('openssl', args, { encoding: 'buffer', maxBuffer: 1024 * 1024 });
    return stdout;
  } catch (e) {
    throw new TimestampError(file, `openssl ${args.slice(0, 2).join(' ')} failed (${(e as Error).message.split('\n')[0]}); is openssl installed?`);
  }
}
