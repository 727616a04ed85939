// SwiftLocker H5: its hosts; the helpers are in /js/h5.js.
var api = apiClient('https://api.swiftlocker.test', 'sl_token');
var LEGACY = 'http://legacy.swiftlocker.test';
var FACE_CLOUD = 'https://api.facepass-cloud.test';
var FACE_MERCHANT = 'SWIFTLOCKER-H5';

/** Sends the SMS code for the phone in #mobile; shows the reply in `msgId`. */
async function sendCode(msgId) {
  try { var r = await api('POST', '/api/h5/sms/send', { json: { mobile: $('mobile').value } }); say(msgId, r.msg, true); }
  catch (e) { say(msgId, e.message); }
}
