// XianQu: a second-hand marketplace whose analytics SDK reports device identifiers before consent, and
// which locks an account so that only a face check unlocks or cancels it. See README.md.

import type { ChoiceBranches, PhaseContext } from '../../../src/core/scenario.ts';
import { defineScenario } from '../../../src/core/scenario.ts';
import { startApp } from './server.ts';
import { answerPolicyDialog, enterPhoneAndSmsCode } from '../shared/steps.ts';

const FACE_STEP_MS = 15_000;

async function passwordLogin({ ui, persona }: PhaseContext): Promise<void> {
  await ui.goto('/login.html');
  await ui.fill('#mobile', persona.phone);
  await ui.fill('#password', persona.password);
  await ui.tap('#login-submit');
  await ui.see('#login-msg');
}

/** Unlock and cancel share one page shape: a face card (with its own consent) or "其他验证方式". */
function faceOrNothing({ ui, consent }: PhaseContext): ChoiceBranches {
  return {
    accept: async () => {
      await ui.tap('#face-start');
      await ui.see('人脸信息处理授权');
      await consent.accept('face-recognition', () => ui.tap('#face-agree'));
    },
    refuse: async () => {
      await ui.tap('#other-way');
      await ui.see('仅支持人脸验证');
      ui.watchForRefusal('仅支持人脸验证');
    },
  };
}

export default defineScenario({
  target: {
    name: 'XianQu',
    version: '7.4.0-h5',
    category: 'local_life',
    platform: 'web',
    url: 'https://m.xianqu.test/',
    firstParty: ['xianqu.test'],
    // Its policy names the phone, "device information" and the face check, but no analytics vendor.
    declarations: {
      collects: [
        { piType: 'phone_number', purpose: '注册登录' },
        { piType: 'device_model', purpose: '账户与交易安全' },
        { piType: 'face_image', purpose: '账户安全验证' },
      ],
      thirdParties: [],
      faceSeparateConsent: true,
    },
  },
  persona: '../persona.yaml',
  serve: startApp,

  async register(ctx) {
    const { ui, persona, consent, choice } = ctx;
    await answerPolicyDialog(ctx);
    await ui.tap('#go-register');
    await enterPhoneAndSmsCode(ctx, '#mobile');
    await ui.fill('#password', persona.password);
    const preTicked = await ui.isChecked('#ads-optin');
    await consent.defaultState('personalised-ads', preTicked);
    await choice('optional', 'personalised recommendations and offers (个性化推荐与优惠推送)', {
      accept: () => consent.accept('personalised-ads', async () => (preTicked ? undefined : ui.check('#ads-optin'))),
      refuse: () => consent.refuse('personalised-ads', () => ui.uncheck('#ads-optin')),
    });
    await ui.tap('#register-submit');
    await ui.see('注册成功');
  },

  // withdraw-optional: the privacy settings switch turns personalised recommendations off.
  async withdraw({ ui, consent }) {
    await ui.goto('/privacy.html');
    await consent.withdraw('personalised-ads', () => ui.uncheck('#personalised'));
    await ui.see('已关闭个性化推荐');
  },

  async login(ctx) {
    await passwordLogin(ctx);
    await ctx.ui.see('账号已被临时锁定');
  },

  async verify(ctx) {
    await ctx.ui.goto('/unlock.html');
    await ctx.choice('biometric', 'face check to unlock the account (刷脸解锁)', faceOrNothing(ctx));
    await ctx.ui.see('解锁成功', FACE_STEP_MS);
  },

  async delete(ctx) {
    await ctx.ui.goto('/cancel.html');
    await ctx.choice('biometric', 'face check to cancel the account (注销人脸验证)', faceOrNothing(ctx));
    await ctx.ui.see('账号已注销', FACE_STEP_MS);
  },

  async afterDelete(ctx) {
    await passwordLogin(ctx);
    return (await ctx.ui.isVisible('登录成功')) ? 'still-present' : 'gone';
  },
});
