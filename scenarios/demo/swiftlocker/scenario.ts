// SwiftLocker: a parcel-locker sending page that verifies the sender by face scan only, through a face
// cloud, and registers the sender's ID number on a legacy plain-HTTP page. See README.md.

import { defineScenario, type PhaseContext } from '../../../src/core/scenario.ts';
import { extraValue } from '../shared/persona-extra.ts';
import { startApp } from './server.ts';
import { answerPolicyDialog, cancelWithSmsCode, enterPhoneAndSmsCode, smsLogin } from '../shared/steps.ts';

const FACE_STEP_MS = 15_000;

/** The parcel goes to someone else: their details are the order's, not the persona's. */
const RECIPIENT = { name: '周建国', phone: '13805719326', address: '浙江省宁波市鄞州区天童南路588号' };

const extra = (ctx: PhaseContext, key: string): string => extraValue(ctx.persona, key, 'SwiftLocker');

/** The app's own location prompt, which comes back on the next page whatever the user answered. */
async function answerLocationPrompt({ ui, consent, choice }: PhaseContext): Promise<void> {
  await ui.see('#loc-prompt');
  await consent.asked('location');
  await choice('optional', 'location', {
    accept: () => consent.accept('location', () => ui.tap('#loc-allow')),
    refuse: () => consent.refuse('location', () => ui.tap('#loc-deny')),
  });
}

export default defineScenario({
  target: {
    name: 'SwiftLocker',
    version: '2.8.1-h5',
    category: 'postal_express',
    platform: 'web',
    url: 'https://h5.swiftlocker.test/',
    firstParty: ['swiftlocker.test'],
    // Its policy names the real-name items and the face vendor, and the face step has its own consent.
    declarations: {
      collects: [
        { piType: 'phone_number', purpose: '寄件人联系电话、登录' },
        { piType: 'real_name', purpose: '实名收寄' },
        { piType: 'id_number', purpose: '实名收寄' },
        { piType: 'address', purpose: '寄件、收件地址' },
        { piType: 'item_description', purpose: '寄递物品信息' },
        { piType: 'face_image', purpose: '寄件人身份核验' },
      ],
      thirdParties: [{ name: '识脸云人脸核验', domains: ['facepass-cloud.test'], purpose: '寄件人人脸核验' }],
      faceSeparateConsent: true,
    },
  },
  persona: '../persona.yaml',
  serve: startApp,

  async register(ctx) {
    const { ui, persona } = ctx;
    await answerPolicyDialog(ctx);
    await ui.tap('#go-register');
    await answerLocationPrompt(ctx);
    await enterPhoneAndSmsCode(ctx, '#mobile');
    await ui.tap('#register-submit');
    // The legacy real-name page, on plain http://legacy.swiftlocker.test/.
    await ui.see('#cert-no');
    await ui.fill('#sender-name', persona.name);
    await ui.fill('#cert-no', persona.idNumber);
    await ui.tap('#realname-submit');
    await ui.see('实名登记成功');
  },

  async login(ctx) {
    await smsLogin(ctx, '#mobile');
    await ctx.ui.see('登录成功');
  },

  async verify(ctx) {
    const { ui, choice, consent } = ctx;
    await ui.goto('/send.html');
    await answerLocationPrompt(ctx);
    await ui.fill('#sender-address', extra(ctx, 'address'));
    await ui.fill('#recipient-name', RECIPIENT.name);
    await ui.fill('#recipient-mobile', RECIPIENT.phone);
    await ui.fill('#recipient-address', RECIPIENT.address);
    await ui.fill('#goods', extra(ctx, 'item_description'));
    await ui.tap('#order-submit');
    await ui.see('#verify-panel');
    await choice('biometric', 'sender face verification (刷脸核验)', {
      accept: async () => {
        await ui.tap('#face-verify');
        await ui.see('人脸识别授权书');
        await consent.accept('face-recognition', () => ui.tap('#face-agree'));
      },
      // The only other button says face is the only way.
      refuse: async () => {
        await ui.tap('#other-verify');
        await ui.see('仅支持人脸识别验证');
        ui.watchForRefusal('仅支持人脸识别验证');
      },
    });
    await ui.see('核验通过', FACE_STEP_MS);
  },

  async delete(ctx) {
    await cancelWithSmsCode(ctx, '/me.html');
  },

  async afterDelete(ctx) {
    await smsLogin(ctx, '#mobile');
    return (await ctx.ui.isVisible('登录成功')) ? 'still-present' : 'gone';
  },
});
