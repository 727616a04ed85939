// Tiny Tiny RSS's users table after the run: do the accounts remain, what was stored; and whether the
// registration page links any privacy notice.

import { lit, mariadb, type GroundTruthCheck } from '../../lib/ground-truth.ts';

const PORT = process.env.TT_PORT ?? '8383';

const check: GroundTruthCheck = async (accounts) => {
  const notes: string[] = [];
  const rows = accounts.map((a) => {
    const r = mariadb('bench_ttrss', `SELECT id, login, email, created, last_login FROM ttrss_users WHERE login=${lit(a.user)}`)[0];
    notes.push(r ? `${a.variant}: ttrss_users row ${r[0]} stores login, email=${r[2]}, created ${r[3]}, last_login ${r[4]}` : `${a.variant}: no ttrss_users row for ${a.user}`);
    return r;
  });
  const page = await (await fetch(`http://127.0.0.1:${PORT}/register.php`, { headers: { Host: 'rss.bench.test' } })).text();
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
