// WordPress's own tables after the run: do the accounts still exist, what PI was stored (users,
// usermeta, uploads), is there a
// published privacy policy, does the site emit Gravatar URLs (built from a hash of the e-mail).

import { lit, mariadb, type GroundTruthCheck } from '../../lib/ground-truth.ts';

const DB = 'bench_wordpress';

const check: GroundTruthCheck = async (accounts) => {
  const notes: string[] = [];
  const rows = accounts.map((a) => {
    const r = mariadb(DB, `SELECT ID, user_login, user_email, user_registered, display_name FROM wp_users WHERE user_login=${lit(a.user)}`)[0];
    if (!r) {
      notes.push(`${a.variant}: no wp_users row for ${a.user}`);
      return undefined;
    }
    const meta = mariadb(DB, `SELECT meta_key FROM wp_usermeta WHERE user_id=${Number(r[0])} AND meta_value<>'' ORDER BY meta_key`).map((m) => m[0]);
    const uploads = Number(mariadb(DB, `SELECT COUNT(*) FROM wp_posts WHERE post_type='attachment' AND post_author=${Number(r[0])}`)[0]?.[0] ?? 0);
    notes.push(`${a.variant}: wp_users row ${r[0]} (user_login, user_email=${r[2]}, display_name=${r[4]}); usermeta ${meta.join(', ')}; ${uploads} upload(s)`);
    return { email: r[2], nickname: meta.includes('nickname'), uploads };
  });
  const policy = mariadb(DB, "SELECT p.post_status FROM wp_options o LEFT JOIN wp_posts p ON p.ID=o.option_value WHERE o.option_name='wp_page_for_privacy_policy'")[0]?.[0];
  notes.push(`privacy policy page: ${policy ?? 'none'}`);
  const avatars = mariadb(DB, "SELECT option_value FROM wp_options WHERE option_name='show_avatars'")[0]?.[0];
  return {
    facts: {
      accountsCreated: rows.every(Boolean),
      accountsRemainAfterRun: rows.every(Boolean),
      emailStored: rows.every((r) => r && r.email !== ''),
      nicknameStored: rows.every((r) => r?.nickname),
      imagesUploaded: rows.every((r) => r && r.uploads > 0),
      noPublishedPrivacyPolicy: policy !== 'publish',
      gravatarEnabled: avatars === '1',
    },
    notes,
  };
};

export default check;
