// What an app's ground-truth check returns: named facts read on the server side (database rows, files),
// which expected.yaml cites to back each verdict.

import { execFileSync } from 'node:child_process';
import type { VariantName } from '../../../src/core/phase.ts';
import { benchAccount, type BenchAccount } from './account.ts';

export interface GroundTruth {
  /** e.g. accountsRemainAfterRun: true. expected.yaml's `backedBy` names one of these. */
  facts: Record<string, boolean>;
  /** What was read, for the README and the table's notes (PI columns stored, row counts). */
  notes: string[];
}

/** `runDir` is privlab's run directory, for facts only the wire shows (a Set-Cookie header); never its findings. */
export type GroundTruthCheck = (accounts: Array<BenchAccount & { variant: VariantName }>, runDir: string) => Promise<GroundTruth>;

export function accountsFor(variants: VariantName[]): Array<BenchAccount & { variant: VariantName }> {
  return variants.map((variant) => ({ variant, ...benchAccount(variant) }));
}

const STATE = process.env.BENCH_REAL_STATE ?? '/var/tmp/privlab-bench-real';

/** One query against the bench MariaDB (socket auth as root); rows as arrays of strings. */
export function mariadb(database: string, sql: string): string[][] {
  const out = execFileSync('mariadb', [`--socket=${STATE}/mariadb.sock`, '-uroot', '-N', '-B', database, '-e', sql], { encoding: 'utf8' });
  return out.split('\n').filter(Boolean).map((l) => l.split('\t'));
}

/** SQL string literal for values we made ourselves (account names); quotes doubled all the same. */
export const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** One query against the bench PostgreSQL (as the postgres user, trust on its socket); rows as arrays of strings. */
export function postgres(database: string, sql: string): string[][] {
  const port = process.env.BENCH_PG_PORT ?? '5433';
  const out = execFileSync('runuser', ['-u', 'postgres', '--', 'psql', '-h', `${STATE}/pgsock`, '-p', port, '-U', 'postgres', '-d', database, '-qAt', '-F', '\t', '-c', sql], { encoding: 'utf8' });
  return out.split('\n').filter(Boolean).map((l) => l.split('\t'));
}
