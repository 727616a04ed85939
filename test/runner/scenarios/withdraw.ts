// A scenario with consent acts and a withdraw step, for the runner's tests of variant withdraw-optional.
import { defineScenario } from '../../../src/core/scenario.ts';

export default defineScenario({
  target: { name: 'Withdraw Test', category: 'online_community', platform: 'web', url: 'https://app.test/', firstParty: ['app.test'] },
  persona: { name: '测试', phone: '13800000000', idNumber: '110101199003070000', password: 'pw-secret' },
  async register({ ui, consent }) {
    await ui.goto('/');
    await consent.defaultState('marketing', await ui.isChecked('#marketing'));
    await consent.accept(['privacy-policy', 'marketing'], () => ui.tap('#agree'));
    await ui.see('#registered');
  },
  async withdraw({ ui, consent }) {
    await consent.withdraw('marketing', () => ui.tap('#marketing-off'));
  },
  async login({ ui, consent }) {
    await consent.asked('location');
    await ui.see('#welcome');
  },
});
