// EverShop's customer table after the run: do the accounts remain, what was stored; and whether the
// sign-up page links any privacy notice.

import { lit, postgres, type GroundTruthCheck } from '../../lib/ground-truth.ts';

const PORT = process.env.ES_PORT ?? '8484';

const check: GroundTruthCheck = async (accounts) => {
  const notes: string[] = [];
  const rows = accounts.map((a) => {
    const r = postgres('bench_evershop', `SELECT customer_id, full_name, email, status, created_at FROM customer WHERE email=${lit(a.email)}`)[0];
    notes.push(r ? `${a.variant}: customer row ${r[0]} stores full_name=${r[1]}, email, password hash, status ${r[3]}, created ${r[4]}` : `${a.variant}: no customer row for ${a.email}`);
    return r;
  });
  const page = await (await fetch(`http://127.0.0.1:${PORT}/account/register`)).text();
  return {
    facts: {
      accountsRemainAfterRun: rows.every(Boolean),
      emailStored: rows.every((r) => r && r[2] !== ''),
      noPrivacyNotice: !/privacy|隐私/i.test(page),
    },
    notes,
  };
};

export default check;
