// EverShop 2.2 (npm), an online shop: customer sign-up by full name, e-mail and password, sign-in, the
// account page. EverShop has no self-service account deletion (the account page offers none).

import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Page } from 'playwright-core';
import { defineScenario } from '../../../../src/core/scenario.ts';
import { benchAccount, routedTo } from '../../lib/account.ts';

const PORT = process.env.ES_PORT ?? '8484';
const run = promisify(execFile);
const HOST = 'shop.bench.test';

export default defineScenario({
  target: {
    name: 'EverShop',
    version: '2.2.1 (npm)',
    category: 'online_shopping',
    platform: 'web',
    url: `https://${HOST}/`,
    firstParty: [HOST],
    browser: { viewport: 'desktop', locale: 'en-US' },
    testerStatements: {
      noCancellation:
        'Looked for account deletion as a signed-in customer: the account page (/account) offers only profile, password and order history; the storefront footer and sign-in pages offer none.',
    },
  },
  persona: '../../persona.yaml',
  // EverShop allows 8 sign-up and sign-in requests per address per 15 minutes, counted in memory, and
  // every request comes from the proxy's 127.0.0.1: a fresh process per variant (same database).
  serve: routedTo({ [HOST]: `127.0.0.1:${PORT}` }, async () => void (await run('bash', [`${import.meta.dirname}/start.sh`]))),

  async register({ ui, persona, variant }) {
    const acct = benchAccount(variant, persona.email);
    await ui.goto('/account/register');
    await ui.fill('input[name=full_name]', persona.name);
    await ui.fill('input[name=email]', acct.email);
    await ui.fill('input[name=password]', persona.password);
    await ui.tap('text=Sign Up');
    await ui.waitForUrl(/^https:\/\/shop\.bench\.test\/(?!account\/register)/, { timeoutMs: 20_000 });
  },

  async login({ ui, persona, variant }) {
    const acct = benchAccount(variant, persona.email);
    // Sign-up leaves the customer signed in; signing in again needs a session without its cookie.
    await ui.record('sign out: clear the shop session cookie', () => ui.driverObject<Page>().context().clearCookies());
    await ui.goto('/account/login');
    await ui.fill('input[name=email]', acct.email);
    await ui.fill('input[name=password]', persona.password);
    await ui.tap('text=Sign In');
    await ui.waitForUrl(/^https:\/\/shop\.bench\.test\/(?!account\/login)/, { timeoutMs: 20_000 });
    await ui.goto('/account');
    await ui.see(persona.name, 15_000); // the account page greets the customer by full name
  },
});
