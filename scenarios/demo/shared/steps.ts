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
      // Guest mode is the app's answer: whatever the phase waits for next, it will not offer it.
      ui.watchForRefusal('游客模式');
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

/** Sign in by SMS code on /login.html; the page answers in #login-msg (success or not). */
export async function smsLogin(ctx: PhaseContext, phoneField = '#phone'): Promise<void> {
  await ctx.ui.goto('/login.html');
  await enterPhoneAndSmsCode(ctx, phoneField);
  await ctx.ui.tap('#login-submit');
  await ctx.ui.see('#login-msg');
}

/** Cancellation confirmed by an SMS code, from the account page `page`. */
export async function cancelWithSmsCode({ ui, persona }: PhaseContext, page: string): Promise<void> {
  await ui.goto(page);
  await ui.tap('#cancel-account');
  await ui.tap('#cancel-send-code');
  await ui.see('验证码已发送');
  await ui.fill('#cancel-code', persona.smsCode ?? '');
  await ui.tap('#cancel-submit');
  await ui.see('账号已注销');
}
