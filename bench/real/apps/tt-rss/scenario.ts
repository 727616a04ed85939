// Tiny Tiny RSS (Debian), a web feed reader: self-registration by login name and e-mail with a
// "two plus two" robot test; the temporary password comes by mail (read from privlab's SMTP sink);
// login with it. A user cannot delete their own account (only an admin, in Preferences > Users).

import { defineScenario } from '../../../../src/core/scenario.ts';
import { benchAccount, routedTo } from '../../lib/account.ts';

const PORT = process.env.TT_PORT ?? '8383';
const HOST = 'rss.bench.test';

/** The temporary password from the registration mail, per variant (the mail is the only place it exists). */
const mailedPassword = new Map<string, string>();

export default defineScenario({
  target: {
    name: 'Tiny Tiny RSS',
    version: '21.02 (Debian 12)',
    category: 'news',
    platform: 'web',
    url: `https://${HOST}/`,
    firstParty: [HOST],
    browser: { viewport: 'desktop', locale: 'en-US' },
    smtp: true,
    testerStatements: {
      noCancellation:
        'Looked for account deletion as a registered user: Preferences (prefs.php) has no delete control and the login page offers none; only an administrator removes users (Preferences > Users).',
    },
  },
  persona: '../../persona.yaml',
  serve: routedTo({ [HOST]: `127.0.0.1:${PORT}` }),

  async register({ ui, inbox, persona, variant }) {
    const acct = benchAccount(variant, persona.email);
    await ui.goto('/register.php');
    await ui.fill('input[name=login]', acct.user);
    // The submit button stays disabled until the name is checked as available.
    await ui.tap('input[value="Check availability"]');
    await ui.see('input[name=sub_btn]:not([disabled])');
    await ui.fill('input[name=email]', acct.email);
    await ui.fill('input[name=turing_test]', '4');
    await ui.tap('input[name=sub_btn]');
    await ui.see('Account created successfully');
    const mail = await inbox.waitFor({ to: acct.email, subject: 'Registration information' });
    const password = /^Password: (\S+)$/m.exec(mail.text)?.[1];
    if (!password) throw new Error(`tt-rss mail "${mail.subject}" has no "Password:" line`);
    mailedPassword.set(variant, password);
  },

  async login({ ui, persona, variant }) {
    const password = mailedPassword.get(variant);
    if (!password) throw new Error('no mailed password for this variant: register did not complete');
    await ui.goto('/index.php');
    await ui.fill('#login', benchAccount(variant, persona.email).user);
    await ui.fill('input[name=password]', password);
    await ui.press('Enter', { on: 'input[name=password]' });
    await ui.see('#feeds-holder', 15_000);
  },
});
