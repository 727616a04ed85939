// The SMS code every sample app accepts: no SMS is really sent. persona.yaml's smsCode must equal it
// (test/demo/persona.test.ts checks).

import { HttpError } from './http-kit.ts';

export const DEMO_SMS_CODE = '246810';

export function checkSmsCode(code: unknown): void {
  if (code !== DEMO_SMS_CODE) throw new HttpError(400, '验证码错误或已过期');
}
