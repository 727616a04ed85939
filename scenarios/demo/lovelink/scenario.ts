// LoveLink: a dating app that demands work, income and face data to "complete the profile", sends the
// face to an undisclosed face cloud, and asks for a hand-held ID selfie to cancel. See README.md.

import { defineScenario, type PhaseContext } from '../../../src/core/scenario.ts';
import { extraValue } from '../shared/persona-extra.ts';
import { startApp } from './server.ts';
import { answerPolicyDialog, enterPhoneAndSmsCode } from '../shared/steps.ts';

const FACE_STEP_MS = 15_000;

const extra = (ctx: PhaseContext, key: string): string => extraValue(ctx.persona, key, 'LoveLink');

async function passwordLogin({ ui, persona }: PhaseContext): Promise<void> {
  await ui.goto('/login.html');
  await ui.fill('#phone', persona.phone);
  await ui.fill('#password', persona.password);
  await ui.tap('#login-submit');
  await ui.see('#login-msg');
}

export default defineScenario({
  target: {
    name: 'LoveLink',
    version: '3.2.0-h5',
    category: 'marriage_dating',
    platform: 'web',
    url: 'https://www.lovelink.test/',
    firstParty: ['lovelink.test'],
    // What its privacy policy says: the profile items, "真人认证" of photos, and no face vendor named.
    declarations: {
      collects: [
        { piType: 'phone_number', purpose: '注册登录' },
        { piType: 'gender', purpose: '婚恋匹配' },
        { piType: 'birth_date', purpose: '婚恋匹配（年龄）' },
        { piType: 'marital_status', purpose: '婚恋匹配' },
        { piType: 'education', purpose: '完善资料、学历认证' },
        { piType: 'employer', purpose: '完善资料、工作认证' },
        { piType: 'face_image', purpose: '真人认证' },
      ],
      thirdParties: [],
      faceSeparateConsent: false,
    },
  },
  persona: '../persona.yaml',
  serve: startApp,

  async register(ctx) {
    const { ui, persona, choice } = ctx;
    await answerPolicyDialog(ctx);
    await ui.tap('#go-register');
    await enterPhoneAndSmsCode(ctx);
    await ui.fill('#password', persona.password);
    await ui.tap(`#gender [data-value="${persona.gender}"]`);
    await ui.fill('#birth-date', persona.birthDate ?? '');
    await ui.tap(`#marital [data-value="${extra(ctx, 'marital_status')}"]`);
    await ui.tap('#register-submit');
    await ui.see('#profile-form');
    await choice('optional', 'profile: education, employer, labour contract, social insurance, tax record, face photo', {
      accept: async () => {
        await ui.tap(`#education [data-value="${extra(ctx, 'education')}"]`);
        await ui.fill('#employer', extra(ctx, 'employer'));
        await ui.tap('#contract-pick');
        await ui.tap('#album-contract');
        await ui.see('劳动合同已上传');
        await ui.fill('#si-city', '杭州');
        await ui.fill('#si-number', extra(ctx, 'social_insurance'));
        await ui.fill('#tax-record', extra(ctx, 'tax_record'));
        await ui.fill('#income', '360000');
        await ui.tap('#avatar-shoot');
        await ui.see('头像认证通过', FACE_STEP_MS);
        await ui.tap('#profile-submit');
      },
      refuse: async () => {
        await ui.tap('#profile-skip');
        await ui.see('请完善资料后继续');
        ui.watchForRefusal('请完善资料后继续');
      },
    });
    // Registration is complete only once the profile is accepted; skipping never gets here.
    await ui.see('资料已提交');
  },

  async login(ctx) {
    await passwordLogin(ctx);
    await ctx.ui.see('登录成功');
  },

  async verify({ ui, choice, consent }) {
    await ui.goto('/verify.html');
    // No separate face consent screen and no other way: the face is the only offer, and its one tap also
    // accepts personalised recommendations (the small print under the button).
    await choice('biometric', 'face verification (实名认证)', {
      accept: () => consent.accept(['face-recognition', 'personalised-ads'], () => ui.tap('#face-start')),
      refuse: async () => {
        ui.watchForRefusal('目前仅支持人脸识别认证');
        await ui.tap('#face-skip');
      },
    });
    await ui.see('认证成功', FACE_STEP_MS);
  },

  async delete({ ui, persona }) {
    await ui.goto('/settings.html');
    await ui.tap('#cancel-account');
    await ui.see('手持身份证照片');
    await ui.fill('#real-name', persona.name);
    await ui.fill('#id-number', persona.idNumber);
    await ui.tap('#handheld-shoot');
    await ui.see('照片已拍摄', FACE_STEP_MS);
    await ui.tap('#cancel-submit');
    await ui.see('账号已注销');
  },

  async afterDelete(ctx) {
    await passwordLogin(ctx);
    return (await ctx.ui.isVisible('登录成功')) ? 'still-present' : 'gone';
  },
});
