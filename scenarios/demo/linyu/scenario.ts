// LinYu: the control. Phone number only, face check on the device or an SMS code instead, no third
// parties, and cancellation that really deletes. It must trigger no rule under any variant.

import { defineScenario } from '../../../src/core/scenario.ts';
import { startApp } from './server.ts';
import { answerPolicyDialog, cancelWithSmsCode, enterPhoneAndSmsCode, smsLogin } from '../shared/steps.ts';

const FACE_STEP_MS = 15_000;

export default defineScenario({
  target: {
    name: 'LinYu',
    version: '1.6.0-h5',
    category: 'online_community',
    platform: 'web',
    url: 'https://www.linyu.test/',
    firstParty: ['linyu.test'],
    declarations: {
      collects: [{ piType: 'phone_number', purpose: '注册登录、找回账号、短信验证' }],
      thirdParties: [],
      faceSeparateConsent: true,
    },
  },
  persona: '../persona.yaml',
  serve: startApp,

  async register(ctx) {
    const { ui, consent, choice } = ctx;
    await answerPolicyDialog(ctx);
    await ui.tap('#go-register');
    await enterPhoneAndSmsCode(ctx);
    // An opt-in of its own, left unticked: the user ticks it or not.
    await consent.defaultState('marketing', await ui.isChecked('#marketing-optin'));
    await choice('optional', 'event notices by SMS (活动通知短信)', {
      accept: () => consent.accept('marketing', () => ui.check('#marketing-optin')),
      refuse: () => consent.refuse('marketing', async () => {}),
    });
    await ui.tap('#register-submit');
    await ui.see('注册成功');
  },

  // withdraw-optional: the settings switch takes the marketing consent back; nothing else changes.
  async withdraw({ ui, consent }) {
    await ui.goto('/settings.html');
    await consent.withdraw('marketing', () => ui.uncheck('#marketing'));
    await ui.see('已关闭活动通知');
  },

  async login(ctx) {
    await smsLogin(ctx);
    await ctx.ui.see('登录成功');
  },

  async verify({ ui, persona, choice, consent }) {
    await ui.goto('/verify.html');
    await choice('biometric', 'on-device face check (本机人脸验证)', {
      accept: async () => {
        await ui.tap('#face-local');
        await ui.see('人脸验证说明');
        await consent.accept('face-recognition', () => ui.tap('#face-agree'));
      },
      refuse: async () => {
        await ui.tap('#sms-verify');
        await ui.tap('#verify-send-code');
        await ui.see('验证码已发送');
        await ui.fill('#verify-code', persona.smsCode ?? '');
        await ui.tap('#verify-submit');
      },
    });
    await ui.see('验证成功', FACE_STEP_MS);
  },

  async delete(ctx) {
    await cancelWithSmsCode(ctx, '/settings.html');
  },

  async afterDelete(ctx) {
    await smsLogin(ctx);
    return (await ctx.ui.isVisible('登录成功')) ? 'still-present' : 'gone';
  },
});
