// Drives the local sign-up page with every action real apps need; see ../ui-actions.test.ts.

import type { Page } from 'playwright-core';
import { defineScenario } from '../../../src/core/scenario.ts';
import { startSignupServer } from './server.ts';

const server = await startSignupServer();
export const received = server.received;
/** What the scenario read back, for the test to check. */
export const seen: { greeting?: string; code?: string; pageTitle?: string; newsletterBefore?: boolean; newsletterAfter?: boolean } = {};

export default defineScenario({
  target: {
    name: 'SignupTest',
    category: 'online_community',
    platform: 'web',
    url: 'https://www.signup.test/',
    firstParty: ['signup.test'],
    browser: { viewport: 'desktop', locale: 'en-US' },
    smtp: true,
  },
  persona: { name: 'Test Person', phone: '13800000000', idNumber: '110105199003070316', password: 'x', email: 'tester@signup.test', faceImage: '../../../scenarios/demo/assets/persona-face.png' },
  serve: async () => ({ hosts: { 'www.signup.test': `127.0.0.1:${server.port}` }, reset: async () => {}, stop: () => server.stop() }),

  async register({ ui, inbox, persona }) {
    await ui.goto('/');
    await ui.fill('#email', persona.email!);
    await ui.select('#country', 'Germany');
    seen.newsletterBefore = await ui.isChecked('#newsletter');
    await ui.uncheck('#newsletter');
    seen.newsletterAfter = await ui.isChecked('#newsletter');
    await ui.upload('#photo', 'persona:face');
    seen.greeting = await ui.text('#greeting');
    await ui.fill('#keys', 'x');
    await ui.press('Enter', { on: '#keys' });
    await ui.see('enter pressed');
    const pay = ui.frame('#pay');
    await pay.fill('#code', '4242');
    await pay.tap('#ok');
    await pay.see('#frame-done');
    seen.pageTitle = await ui.record('read the title through Playwright', () => ui.driverObject<Page>().title());
    await ui.scroll('#bottom');
    await ui.tap('#bottom', { timeoutMs: 3_000 });
    await ui.see('Check your mail');
    const mail = await inbox.waitFor({ to: persona.email, subject: 'Confirm', timeoutMs: 10_000 });
    seen.code = mail.firstCode;
    await ui.goto(mail.firstLink!);
    await ui.waitForUrl('**/confirmed');
    await ui.see('Account confirmed');
  },

  async login({ ui }) {
    // The mail was handed out once: a second wait for it blocks the phase (the app sent no other).
    await ui.goto('/');
    await ui.waitForUrl(/\/never$/, { timeoutMs: 500 });
  },
});
