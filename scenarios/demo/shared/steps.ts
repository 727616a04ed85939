// Steps every sample app shares, written once so each scenario reads as what is particular to it.

import type { PhaseContext } from '../../../src/core/scenario.ts';

/** The first-launch privacy-policy dialog: agree, or decline into guest mode (refuse-policy). */
export async function answerPolicyDialog({ ui, choice }: PhaseContext): Promise<void> {
  await ui.goto('/');
  await choice('policy', 'privacy-policy', {
    accept: () => ui.tap('#agree'),
    refuse: async () => {
      await ui.tap('#disagree');
      await ui.see('游客模式');
    },
  });
}

/** Mobile number and the SMS code the demo apps accept, as their sign-up and sign-in forms ask. */
export async function enterPhoneAndSmsCode({ ui, persona }: PhaseContext, phoneField = '#phone'): Promise<void> {
  await ui.fill(phoneField, persona.phone);
  await ui.tap('#send-code');
  await ui.see('验证码已发送');
  await ui.fill('#sms-code', persona.smsCode ?? '');
}
