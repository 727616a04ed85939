// WordPress 6.1 (Debian) as a blog with member accounts. A visitor first comments on the site's first post;
// the comment form asks whether to keep name, e-mail and website in this browser (cookies), and the variant
// ticks the box or leaves it unticked. Then self-registration by user name and e-mail, a set-password link
// mailed to the member (read from privlab's SMTP sink), login, the public name chosen from a <select>, an
// image uploaded to the media library. The withdraw step comments again with the box unticked, the only
// control WordPress offers for it. WordPress offers no self-service account deletion (a member's profile
// page has no such control).

import { defineScenario, type PhaseContext } from '../../../../src/core/scenario.ts';
import { benchAccount, routedTo } from '../../lib/account.ts';
import { mariadb } from '../../lib/ground-truth.ts';

const PORT = process.env.WP_PORT ?? '8181';
/** A plain coloured picture (no face, no text) made for this bed. */
const IMAGE = `${import.meta.dirname}/assets/post-image.png`;
/** The post every new site has ("Hello world!"), open for comments. */
const POST = '/?p=1';
const COOKIE_BOX = '#wp-comment-cookies-consent';
/**
 * WordPress refuses a visitor's comment within 15 s of the last one from the same address
 * (wp_throttle_comment_flood); every variant comments from 127.0.0.1.
 */
const FLOOD_MS = 16_000;
let lastComment = 0;

/** Writes a visitor's comment (the form requires name and e-mail); `decide` sets the cookie box, then it posts. */
async function comment({ ui, persona, variant }: PhaseContext, text: string, decide: () => Promise<void>): Promise<void> {
  const acct = benchAccount(variant, persona.email);
  const wait = lastComment + FLOOD_MS - Date.now();
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  await ui.goto(POST);
  await ui.fill('#comment', `${text} (${acct.user})`);
  await ui.fill('#author', persona.name);
  await ui.fill('#email', acct.email);
  await decide();
  await ui.tap('#submit');
  lastComment = Date.now();
  await ui.see('Your comment is awaiting moderation');
}

export default defineScenario({
  target: {
    name: 'WordPress',
    version: '6.1 (Debian 12)',
    category: 'online_community',
    platform: 'web',
    url: 'https://wp.bench.test/',
    firstParty: ['wp.bench.test'],
    browser: { viewport: 'desktop', locale: 'en-US' },
    smtp: true,
    testerStatements: {
      noCancellation:
        'Looked for account deletion as a member (role author): Profile (wp-admin/profile.php) has no delete control, the login page and the site front page offer none; WordPress core deletes users only from an administrator\'s Users screen.',
    },
  },
  persona: '../../persona.yaml',
  // Before each variant the bench's earlier visitors' comments go to the trash (the rows stay for the ground
  // truth): else this variant's pages would show them, and Gravatar would get an earlier variant's e-mail hash.
  serve: routedTo({ 'wp.bench.test': `127.0.0.1:${PORT}` }, async () => {
    mariadb('bench_wordpress', "UPDATE wp_comments SET comment_approved='trash' WHERE comment_author_email LIKE 'zhang.wei.bench+%'");
  }),

  async register(ctx) {
    const { ui, inbox, persona, variant, consent, choice } = ctx;
    const acct = benchAccount(variant, persona.email);
    await comment(ctx, 'Nice first post', async () => {
      // Unticked unless cookies of an earlier comment exist (comment_form(), WordPress 6.1).
      await consent.defaultState('comment-cookies', await ui.isChecked(COOKIE_BOX));
      await choice(
        'optional',
        'comment-cookies',
        {
          accept: () => consent.accept('comment-cookies', () => ui.check(COOKIE_BOX)),
          refuse: () => consent.refuse('comment-cookies', () => ui.uncheck(COOKIE_BOX)),
        },
        { piTypes: ['real_name', 'email'] },
      );
    });
    // Back on the post: with the cookies, the browser sends name and e-mail with every request to the site.
    await ui.goto(POST);
    await ui.see('#commentform');
    await ui.goto('/wp-login.php?action=register');
    await ui.fill('#user_login', acct.user);
    await ui.fill('#user_email', acct.email);
    await ui.tap('#wp-submit');
    await ui.see('Registration complete');
    // The mail carries the only way to set a password.
    const mail = await inbox.waitFor({ to: acct.email, subject: 'Login Details' });
    if (!mail.firstLink) throw new Error(`WordPress mail "${mail.subject}" has no link`);
    await ui.goto(mail.firstLink);
    await ui.fill('#pass1', persona.password);
    await ui.tap('#wp-submit');
    await ui.see('Your password has been reset');
  },

  // The only way WordPress offers to take the choice back: comment again with the box unticked, on which
  // wp_set_comment_cookies() expires the three cookies.
  async withdraw(ctx) {
    await comment(ctx, 'Second thoughts', () => ctx.consent.withdraw('comment-cookies', () => ctx.ui.uncheck(COOKIE_BOX)));
  },

  async login({ ui, persona, variant }) {
    const acct = benchAccount(variant, persona.email);
    await ui.goto('/wp-login.php');
    await ui.fill('#user_login', acct.user);
    await ui.fill('#user_pass', persona.password);
    await ui.tap('#wp-submit');
    await ui.waitForUrl('**/wp-admin/**', { timeoutMs: 15_000 });
    await ui.see('#wpadminbar');
    // What a member does next on a community blog: pick the public name, upload an image for a post.
    await ui.goto('/wp-admin/profile.php');
    await ui.select('#display_name', acct.user);
    await ui.tap('#submit');
    await ui.see('Profile updated');
    await ui.goto('/wp-admin/media-new.php?browser-uploader');
    await ui.upload('#async-upload', IMAGE);
    await ui.tap('#html-upload');
    await ui.waitForUrl('**/wp-admin/upload.php**', { timeoutMs: 15_000 });
  },
});
