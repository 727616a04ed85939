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

/** The app's location prompt: shown on every page that calls it, whatever the user answered last time. */
function askLocation() {
  var card = document.createElement('section');
  card.id = 'loc-prompt';
  card.className = 'card';
  card.innerHTML = '<p>开启定位，为您推荐附近的快递柜</p><button id="loc-allow" type="button">允许</button> <button id="loc-deny" type="button" class="ghost">不允许</button>';
  document.querySelector('main').prepend(card);
  card.querySelectorAll('button').forEach(function (b) { b.onclick = function () { card.hidden = true; }; });
}
