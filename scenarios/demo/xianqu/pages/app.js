// XianQu H5: its hosts, and the analytics SDK started on every page (before anything is asked).
var api = apiClient('https://api.xianqu.test', 'xq_token');
Tracklytics.init('xq-h5-2f9a');
if (localStorage.getItem('xq_mobile')) Tracklytics.identify({ phone: localStorage.getItem('xq_mobile') });

async function sendCode(msgId) {
  try { var r = await api('POST', '/api/v2/sms/send', { form: new URLSearchParams({ mobile: $('mobile').value }) }); say(msgId, r.msg, true); }
  catch (e) { say(msgId, e.message); }
}

/**
 * The face check unlocking and cancelling demand: a separate authorisation card, then a live photo
 * uploaded to `path`. `#face-*` ids are the same on both pages.
 */
function faceFlow(path, onDone) {
  $('face-start').onclick = function () { $('face-options').hidden = true; $('face-consent').hidden = false; };
  $('other-way').onclick = function () { say('face-msg', '为保障账户安全，仅支持人脸验证'); };
  $('face-agree').onclick = async function () {
    var video = $('face-video');
    video.hidden = false;
    try {
      var photo = await DemoCamera.snap(video);
      var fd = new FormData();
      fd.append('scene', path.indexOf('cancel') >= 0 ? 'ACCOUNT_CANCEL' : 'ACCOUNT_UNLOCK');
      fd.append('face_photo', photo, 'face.jpg');
      var r = await api('POST', path, { multipart: fd });
      video.hidden = true;
      $('face-consent').hidden = true;
      onDone(r);
    } catch (e) { say('face-msg', e.message); }
  };
}
