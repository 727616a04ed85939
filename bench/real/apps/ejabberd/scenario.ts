// ejabberd 23.01 (Debian), an XMPP instant-messaging server, through its own web pages
// (mod_register_web): register an account, prove the credentials, and unregister it. XMPP has no web
// login; the password-change page authenticates with the current password, so it stands for login.

import { defineScenario, type PhaseContext } from '../../../../src/core/scenario.ts';
import { benchAccount, routedTo } from '../../lib/account.ts';

const PORT = process.env.EJ_PORT ?? '8282';
const DOMAIN = 'chat.bench.test';

/** The three forms share their fields: user name, server, password. */
async function credentials({ ui, persona, variant }: PhaseContext, passwordField: string): Promise<void> {
  await ui.fill('input[name=username]', benchAccount(variant, persona.email).user);
  await ui.fill('input[name=host]', DOMAIN);
  await ui.fill(`input[name=${passwordField}]`, persona.password);
}

export default defineScenario({
  target: {
    name: 'ejabberd',
    version: '23.01 (Debian 12)',
    category: 'instant_messaging',
    platform: 'web',
    url: `https://${DOMAIN}/`,
    firstParty: [DOMAIN],
    browser: { viewport: 'desktop', locale: 'en-US' },
  },
  persona: '../../persona.yaml',
  serve: routedTo({ [DOMAIN]: `127.0.0.1:${PORT}` }),

  async register(ctx) {
    await ctx.ui.goto('/register/new');
    await credentials(ctx, 'password');
    await ctx.ui.fill('input[name=password2]', ctx.persona.password);
    await ctx.ui.tap('input[name=register]');
    await ctx.ui.see('was successfully registered');
  },

  async login(ctx) {
    await ctx.ui.goto('/register/change_password');
    await credentials(ctx, 'passwordold');
    await ctx.ui.fill('input[name=password]', ctx.persona.password);
    await ctx.ui.fill('input[name=password2]', ctx.persona.password);
    await ctx.ui.tap('input[name=changepass]');
    await ctx.ui.see('was successfully changed');
  },

  async delete(ctx) {
    await ctx.ui.goto('/register/delete');
    await credentials(ctx, 'password');
    await ctx.ui.tap('input[name=unregister]');
    await ctx.ui.see('successfully unregistered');
  },

  async afterDelete(ctx) {
    // The same credentials on the authenticating page: refused once the account is gone.
    await ctx.ui.goto('/register/change_password');
    await credentials(ctx, 'passwordold');
    await ctx.ui.fill('input[name=password]', ctx.persona.password);
    await ctx.ui.fill('input[name=password2]', ctx.persona.password);
    await ctx.ui.tap('input[name=changepass]');
    return (await ctx.ui.isVisible('was successfully changed')) ? 'still-present' : 'gone';
  },
});
