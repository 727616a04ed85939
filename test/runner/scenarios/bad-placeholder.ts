// A scenario whose inline persona misspells a placeholder: the run must refuse before it starts.
import { defineScenario } from '../../../src/core/scenario.ts';

export default defineScenario({
  target: { name: 'Bad Template', category: 'online_community', platform: 'web', url: 'https://app.test/', firstParty: ['app.test'] },
  persona: { name: '测试', phone: '13800000000', idNumber: '110101199003070000', password: 'pw', email: 't+{varient}@example.com' },
  async register({ ui }) {
    await ui.goto('/');
  },
});
