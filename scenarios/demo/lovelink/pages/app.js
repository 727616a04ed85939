// LoveLink H5: its hosts; the helpers are in /js/h5.js.
var api = apiClient('https://api.lovelink.test', 'll_token');
var FACE_CLOUD = 'https://api.facecloud-verify.test';
var FACE_APP_ID = 'lovelink-h5-7f31';
