// Camera helper shared by the sample apps' pages: a real getUserMedia capture into a JPEG Blob.
// In the lab, Chromium's fake capture device plays the persona's face as the camera.
(function () {
  function waitFrames(video, n) {
    return new Promise(function (resolve) {
      var seen = 0;
      var deadline = setTimeout(resolve, 4000);
      function tick() {
        seen += 1;
        if (seen >= n && video.videoWidth > 0) { clearTimeout(deadline); resolve(); return; }
        if (video.requestVideoFrameCallback) video.requestVideoFrameCallback(tick); else setTimeout(tick, 100);
      }
      if (video.requestVideoFrameCallback) video.requestVideoFrameCallback(tick); else setTimeout(tick, 100);
    });
  }

  window.DemoCamera = {
    /** Start the front camera into `video` and resolve once it shows real frames. */
    open: async function (video) {
      var stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'user' }, audio: false });
      video.srcObject = stream;
      video.muted = true;
      video.playsInline = true;
      await video.play();
      await waitFrames(video, 3);
      return stream;
    },
    /** The current frame as a JPEG Blob. */
    capture: function (video, quality) {
      var canvas = document.createElement('canvas');
      canvas.width = video.videoWidth;
      canvas.height = video.videoHeight;
      canvas.getContext('2d').drawImage(video, 0, 0, canvas.width, canvas.height);
      return new Promise(function (resolve, reject) {
        canvas.toBlob(function (b) { b ? resolve(b) : reject(new Error('capture failed')); }, 'image/jpeg', quality || 0.85);
      });
    },
    close: function (stream, video) {
      if (stream) stream.getTracks().forEach(function (t) { t.stop(); });
      if (video) video.srcObject = null;
    },
    /** Open, wait for frames, take one photo, close: what a one-shot "拍照" button does. */
    snap: async function (video) {
      var stream = await this.open(video);
      try { return await this.capture(video); } finally { this.close(stream, video); }
    },
    toBase64: function (blob) {
      return new Promise(function (resolve) {
        var r = new FileReader();
        r.onload = function () { resolve(String(r.result).split(',')[1]); };
        r.readAsDataURL(blob);
      });
    },
  };
})();
