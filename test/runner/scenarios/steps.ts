// Scenarios for the runner's tests: each phase drives the fake driver with selectors the test scripts.
import { defineScenario } from '../../../src/core/scenario.ts';

const persona = { name: '测试', phone: '13800000000', idNumber: '110101199003070000', password: 'pw-secret' };

export default defineScenario({
  target: { name: 'Runner Test', category: 'online_community', platform: 'web', url: 'https://app.test/', firstParty: ['app.test'] },
  persona,
  async register({ ui, choice }) {
    await ui.goto('/');
    await choice('optional', 'photo', { accept: () => ui.fill('#photo', 'x.png'), refuse: () => ui.tap('#skip') }, { piTypes: ['face_image'] });
    await ui.tap('#slow');
    await ui.tap('#after-slow');
    await ui.see('#registered');
  },
  async login({ ui }) {
    await ui.fill('#phone', persona.phone);
    await ui.see('#welcome');
  },
  async delete({ ui }) {
    await ui.tap('#cancel-account');
    await ui.see('#gone');
  },
  async afterDelete({ ui }) {
    await ui.fill('#phone', persona.phone);
    return (await ui.isVisible('#welcome')) ? 'still-present' : 'gone';
  },
});
