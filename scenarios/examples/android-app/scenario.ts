// Example: a native Android shopping app on an emulator, through Appium's UiAutomator2 driver.
// Replace the APK, package, activity and the selectors with the app under test's; read them with
// `privlab inspect <apk>` and Appium Inspector. See drivers/appium/README.md for the emulator set-up.
//
//   PRIVLAB_EXAMPLE_APK=/path/app.apk npx privlab run scenarios/examples/android-app/scenario.ts --driver appium

import { fileURLToPath } from 'node:url';
import { androidPermission } from '../../../src/android/permissions.ts';
import { defineScenario } from '../../../src/core/scenario.ts';

const PACKAGE = 'com.example.shopdemo';
const id = (name: string) => `id=${PACKAGE}:id/${name}`;

export default defineScenario({
  target: {
    name: 'ShopDemo',
    version: '5.1.0',
    category: 'online_shopping',
    platform: 'android',
    firstParty: ['shopdemo.example'],
    app: {
      apk: process.env.PRIVLAB_EXAMPLE_APK ?? fileURLToPath(new URL('./app.apk', import.meta.url)),
      package: PACKAGE,
      activity: '.ui.SplashActivity',
    },
    declarations: {
      collects: [
        { piType: 'phone_number', purpose: '注册登录' },
        { piType: 'address', purpose: '收货' },
      ],
    },
  },
  persona: '../../demo/persona.yaml',

  async register(ctx) {
    const { ui, consent, choice, persona } = ctx;
    // The first-launch privacy dialog: refusing it is the refuse-policy variant.
    await choice('policy', 'privacy-policy', {
      accept: () => ui.tap(id('btn_agree')),
      refuse: () => ui.tap(id('btn_disagree')),
    });
    await ui.see(id('tab_home'));
    // Apps often ask for location and phone state at start: each dialog is a choice point. The driver marks the
    // app's requested and granted permissions after each variant, read on the session's device.
    await androidPermission(ctx, 'android.permission.ACCESS_FINE_LOCATION');
    await androidPermission(ctx, 'android.permission.READ_PHONE_STATE');

    await ui.tap('~我的');
    await ui.tap('text=登录/注册');
    await consent.accept('user-agreement', () => ui.tap(id('cb_agreement')));
    await ui.fill(id('et_phone'), persona.phone);
    await ui.tap(id('btn_send_code'));
    await ui.fill(id('et_code'), persona.smsCode ?? '123456');
    await ui.tap(id('btn_login'));
    await ui.see('android=new UiSelector().textContains("欢迎")', 15_000);
  },

  async verify(ctx) {
    const { ui, choice } = ctx;
    await ui.tap('~我的');
    await ui.tap('text=实名认证');
    await choice('biometric', 'face', {
      accept: async () => {
        await ui.tap(id('btn_face_verify'));
        await androidPermission(ctx, 'android.permission.CAMERA');
      },
      refuse: () => ui.tap('text=其他方式认证'),
    });
    await ui.see('认证成功', 30_000);
  },

  async delete({ ui }) {
    await ui.tap('~我的');
    await ui.tap('~设置');
    await ui.tap('//android.widget.TextView[@text="注销账号"]');
    await ui.tap(id('btn_confirm_cancel'));
    await ui.see('注销申请已提交', 15_000);
  },
});
