// WordPress's own tables after the run: do the accounts still exist, what PI was stored (users,
// usermeta, uploads, the visitor's comments), is there a published privacy policy, does the site emit
// Gravatar URLs (built from a hash of the e-mail). What the comment cookies did is read off the wire
// (flows.jsonl: the Set-Cookie headers WordPress sent and the Cookie headers the browser sent back).

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { VariantName } from '../../../../src/core/phase.ts';
import { lit, mariadb, type GroundTruthCheck } from '../../lib/ground-truth.ts';

const DB = 'bench_wordpress';

interface WireFlow {
  phase: string | null;
  variant: VariantName | null;
  request: { url: string; headers: Array<{ name: string; value: string }> };
  response?: { headers: Array<{ name: string; value: string }> };
}

const headers = (list: WireFlow['request']['headers'] | undefined, name: string) => (list ?? []).filter((h) => h.name.toLowerCase() === name).map((h) => h.value);
/** comment_author_email_<COOKIEHASH>, the cookie wp_set_comment_cookies() keeps the visitor's e-mail in. */
const EMAIL_COOKIE = /(?:^|;\s*)comment_author_email_[0-9a-f]{32}=([^;]*)/;

/** Per variant: the e-mail cookie set on commenting (value, or expired), and whether any later request sent it. */
function commentCookies(runDir: string) {
  const flows = readFileSync(join(runDir, 'flows.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as WireFlow);
  const set = new Map<string, string[]>();
  const sentBack = new Map<string, number>();
  for (const f of flows) {
    const at = `${f.variant}/${f.phase}`;
    if (f.request.url.includes('/wp-comments-post.php')) {
      for (const c of headers(f.response?.headers, 'set-cookie')) {
        const m = EMAIL_COOKIE.exec(c);
        // PHP's setcookie() with a past time sends Max-Age=0 (wp_set_comment_cookies() on a refusal).
        const expired = /Max-Age=0\b/i.test(c) || Date.parse(/expires=([^;]+)/i.exec(c)?.[1] ?? '') < Date.now();
        if (m) set.set(at, [...(set.get(at) ?? []), expired ? 'expired' : decodeURIComponent(m[1]!)]);
      }
    }
    for (const c of headers(f.request.headers, 'cookie')) if (EMAIL_COOKIE.test(c)) sentBack.set(at, (sentBack.get(at) ?? 0) + 1);
  }
  return { set, sentBack };
}

const check: GroundTruthCheck = async (accounts, runDir) => {
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
  const optIn = mariadb(DB, "SELECT option_value FROM wp_options WHERE option_name='show_comments_cookies_opt_in'")[0]?.[0];
  // Each variant's visitor comments once in register, the withdraw step once more (held for moderation; the
  // scenario trashes them before the next variant).
  const comments = accounts.map((a) => {
    const n = Number(mariadb(DB, `SELECT COUNT(*) FROM wp_comments WHERE comment_author_email=${lit(a.email)} AND comment_approved IN ('0', 'trash')`)[0]?.[0] ?? 0);
    notes.push(`${a.variant}: ${n} wp_comments row(s) by ${a.email}`);
    return n === (a.variant === 'withdraw-optional' ? 2 : 1);
  });
  const wire = commentCookies(runDir);
  const at = (variant: string, phase: string) => wire.set.get(`${variant}/${phase}`) ?? [];
  const sentIn = (variant: string, phases: string[]) => phases.reduce((n, p) => n + (wire.sentBack.get(`${variant}/${p}`) ?? 0), 0);
  for (const [where, values] of wire.set) notes.push(`${where}: wp-comments-post.php set comment_author_email_* = ${values.join(', ')}`);
  for (const [where, n] of wire.sentBack) notes.push(`${where}: ${n} request(s) sent comment_author_email_* back`);
  const accepted = accounts.filter((a) => a.variant !== 'refuse-optional');
  return {
    facts: {
      accountsCreated: rows.every(Boolean),
      accountsRemainAfterRun: rows.every(Boolean),
      emailStored: rows.every((r) => r && r.email !== ''),
      nicknameStored: rows.every((r) => r?.nickname),
      imagesUploaded: rows.every((r) => r && r.uploads > 0),
      noPublishedPrivacyPolicy: policy !== 'publish',
      gravatarEnabled: avatars === '1',
      commentCookieOptInShown: optIn === '1',
      commentsStored: comments.every(Boolean),
      // The box ticked: WordPress sets the e-mail cookie; left unticked (refuse-optional): only an expired one.
      commentCookieOnlyWithConsent:
        accepted.every((a) => at(a.variant, 'register').includes(a.email)) && at('refuse-optional', 'register').every((v) => v === 'expired') && sentIn('refuse-optional', ['register', 'login']) === 0,
      // Commenting again unticked expires the cookie, and no later request carries it.
      commentCookieGoneAfterWithdrawal:
        accounts.some((a) => a.variant === 'withdraw-optional') && at('withdraw-optional', 'withdraw').includes('expired') && sentIn('withdraw-optional', ['login', 'verify', 'delete']) === 0,
    },
    notes,
  };
};

export default check;
