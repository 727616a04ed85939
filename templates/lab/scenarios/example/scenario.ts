// An example scenario: sign-up on a web app, with the privacy-policy dialog as a choice point.
// Copy this folder for each app under test and change the target and the steps.
// Run it: npx privlab run scenarios/example/scenario.ts    (more: npx privlab run --help)

import { defineScenario } from 'privlab';

// Where the app under test is. APP_URL lets CI point the same scenario at a staging build.
const url = process.env.APP_URL || 'https://www.example-app.test/';

export default defineScenario({
  target: {
    name: 'ExampleApp',
    // the app's category decides which personal information is necessary: `npx privlab categories`
    category: 'online_community',
    platform: 'web',
    url,
    // the app's own domains; every other host that receives personal information is a third party
    firstParty: [new URL(url).hostname],
    // what the privacy policy says; findings about undisclosed collection rest on this
    declarations: {
      collects: [{ piType: 'phone_number', purpose: 'sign-up and sign-in' }],
      thirdParties: [],
    },
  },
  persona: '../../personas/tester.yaml',

  // One async function per phase: register, login, verify, delete. Leave out what the app lacks.
  async register({ ui, persona, choice }) {
    await ui.goto('/');
    // A choice point: accept-all takes `accept`, refuse-policy takes `refuse`.
    await choice('policy', 'privacy-policy', {
      accept: () => ui.tap('#agree'),
      refuse: () => ui.tap('#disagree'),
    });
    await ui.fill('#phone', persona.phone);
    await ui.fill('#name', persona.name);
    await ui.tap('#register');
    // The success condition: if the text never appears, the phase is recorded as blocked here.
    await ui.see('Registered');
  },
});
