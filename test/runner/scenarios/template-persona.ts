// A scenario whose persona is a template: each variant registers its own account.
import { defineScenario } from '../../../src/core/scenario.ts';

export default defineScenario({
  target: { name: 'Template Test', category: 'online_community', platform: 'web', url: 'https://app.test/', firstParty: ['app.test'] },
  persona: {
    name: '测试',
    username: 'u{run}{n}',
    phone: '1380{run}{n}',
    idNumber: '110101199003070000',
    email: 'tester+{run}-{variant}@example.com',
    password: 'pw-{run}-{variant}',
  },
  async register({ ui, persona, mark }) {
    await ui.goto('/');
    await ui.fill('#user', persona.username!);
    await ui.fill('#email', persona.email!);
    await ui.fill('#password', persona.password);
    // The test reads back what the phase was given (a scenario would not put a value into the timeline).
    await mark(`given ${persona.username} ${persona.email}`);
    await ui.see('#registered');
  },
});
