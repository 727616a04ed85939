// WordPress 6.1 (Debian) as a blog with member accounts: self-registration by user name and e-mail, a
// set-password link mailed to the member (read from privlab's SMTP sink), login, the public name
// chosen from a <select>, an image uploaded to the media library. WordPress offers
// no self-service account deletion (a subscriber's profile page has no such control).

import { defineScenario } from '../../../../src/core/scenario.ts';
import { benchAccount, routedTo } from '../../lib/account.ts';

const PORT = process.env.WP_PORT ?? '8181';
/** A plain coloured picture (no face, no text) made for this bed. */
const IMAGE = `${import.meta.dirname}/assets/post-image.png`;

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
  serve: routedTo({ 'wp.bench.test': `127.0.0.1:${PORT}` }),

  async register({ ui, inbox, persona, variant }) {
    const acct = benchAccount(variant, persona.email);
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
