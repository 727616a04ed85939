// LinYu H5: its API host; the helpers are in /js/h5.js. No third-party scripts.
var api = apiClient('https://api.linyu.test', 'ly_token');

async function sendCode(msgId, self) {
  try {
    var r = self ? await api('POST', '/api/sms/send-self', { json: {} }) : await api('POST', '/api/sms/send', { json: { phone: $('phone').value } });
    say(msgId, r.msg, true);
  } catch (e) { say(msgId, e.message); }
}
