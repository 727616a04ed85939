/* Tracklytics JS SDK 4.2.1 — app analytics. Reads device identifiers from the app's JS bridge when
   present, else makes and keeps its own. Sends on init, before the host app asks anything. */
(function () {
  var ENDPOINT = 'https://sdk.tracklytics.test/v3/collect';
  function hex(n) { var a = new Uint8Array(n); crypto.getRandomValues(a); return Array.from(a, function (b) { return b.toString(16).padStart(2, '0'); }).join(''); }
  function keep(key, make) { var v = localStorage.getItem(key); if (!v) { v = make(); localStorage.setItem(key, v); } return v; }
  var bridge = window.XianQuBridge || {};
  var device = {
    android_id: bridge.androidId || keep('_tl_aid', function () { return hex(8); }),
    oaid: bridge.oaid || keep('_tl_oaid', function () { var h = hex(16); return [h.slice(0, 8), h.slice(8, 12), h.slice(12, 16), h.slice(16, 20), h.slice(20)].join('-'); }),
    device_model: 'Pixel 8',
    os: 'Android 14',
    screen: screen.width + 'x' + screen.height,
    lang: navigator.language
  };
  var appKey = '';
  var user = {};
  function send(event, props) {
    var body = JSON.stringify({ appKey: appKey, sdkVer: '4.2.1', event: event, ts: Date.now(), device: device, user: user, props: props || {} });
    fetch(ENDPOINT, { method: 'POST', keepalive: true, headers: { 'Content-Type': 'application/json' }, body: body }).catch(function () {});
  }
  window.Tracklytics = {
    init: function (key) { appKey = key; send('app_start', { page: location.pathname }); },
    identify: function (u) { user = u; send('identify'); },
    track: send
  };
})();
