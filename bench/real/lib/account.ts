// Each variant of each bench run registers a fresh account; the scenario and the ground-truth check
// derive the same user name and e-mail from the run tag bench:real sets (BENCH_RUN_TAG).

import type { VariantName } from '../../../src/core/phase.ts';

const SHORT: Record<VariantName, string> = {
  'accept-all': 'aa',
  'refuse-optional': 'ro',
  'refuse-biometric': 'rb',
  'refuse-policy': 'rp',
  'withdraw-optional': 'wo',
};

export interface BenchAccount {
  user: string;
  email: string;
}

export function runTag(): string {
  const tag = process.env.BENCH_RUN_TAG;
  if (!tag) throw new Error('BENCH_RUN_TAG is not set: run the test bed with `npm run bench:real`');
  return tag;
}

/** `zw<tag><variant>` and `zhang.wei.bench+<tag><variant>@bench.test` (plus-addressing keeps the persona's mailbox). */
export function benchAccount(variant: VariantName, personaEmail = 'zhang.wei.bench@bench.test'): BenchAccount {
  const suffix = `${runTag()}${SHORT[variant]}`;
  const [local, domain] = personaEmail.split('@');
  return { user: `zw${suffix}`, email: `${local}+${suffix}@${domain}` };
}

/**
 * The LocalApp a bench scenario returns from `serve`: the app runs already (start.sh); only its host
 * names are mapped. `reset` runs before each variant (default: nothing, the accounts differ anyway).
 */
export function routedTo(hosts: Record<string, string>, reset: () => Promise<void> = async () => {}) {
  return async () => ({ hosts, reset, stop: async () => {} });
}
