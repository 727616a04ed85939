// A scenario naming a consent subject config/consent-subjects.yaml does not have.
import { defineScenario } from '../../../src/core/scenario.ts';

export default defineScenario({
  target: { name: 'Unknown Consent', category: 'online_community', platform: 'web', url: 'https://app.test/', firstParty: ['app.test'] },
  persona: { name: '测试', phone: '13800000000', idNumber: '110101199003070000', password: 'pw-secret' },
  async register({ ui, consent }) {
    await consent.accept('cookies', () => ui.tap('#agree'));
  },
});
