/* The event desk's camera scanner, where the browser reads QR codes itself (the BarcodeDetector API).
 *
 * Progressive enhancement: without the API, a camera or the permission to use it, the page is a form
 * in which staff type the short code, and the scanner's controls stay hidden. With it, a QR code read
 * fills in the form and sends it; the page that answers starts the camera again, so that staff scan
 * one person after another. The same code read twice in a row is not sent again (the person is still
 * holding it up while the answer shows).
 */
(function () {
  "use strict";

  var form = document.querySelector("[data-check-in-form]");
  var scanner = document.querySelector("[data-check-in-scanner]");
  if (!form || !scanner || !("BarcodeDetector" in window) || !navigator.mediaDevices ||
      !navigator.mediaDevices.getUserMedia) {
    return;
  }

  var SCANNING = "checkIn.scanning";
  var LAST_CODE = "checkIn.lastCode";
  var INTERVAL_MS = 250;

  var input = form.querySelector("input[name=code]");
  var video = scanner.querySelector("[data-scan-video]");
  var start = scanner.querySelector("[data-scan-start]");
  var stop = scanner.querySelector("[data-scan-stop]");
  var status = scanner.querySelector("[data-scan-status]");
  var detector = null;
  var stream = null;
  var timer = null;

  function remember(key, value) {
    try {
      if (value === null) {
        window.sessionStorage.removeItem(key);
      } else {
        window.sessionStorage.setItem(key, value);
      }
    } catch (error) {
      // Private browsing may refuse storage: the scanner then simply does not restart by itself.
    }
  }

  function recall(key) {
    try {
      return window.sessionStorage.getItem(key);
    } catch (error) {
      return null;
    }
  }

  function showScanning(on) {
    video.hidden = !on;
    stop.hidden = !on;
    start.hidden = on;
  }

  function halt() {
    window.clearInterval(timer);
    timer = null;
    if (stream) {
      stream.getTracks().forEach(function (track) { track.stop(); });
      stream = null;
    }
    video.srcObject = null;
    showScanning(false);
  }

  function found(code) {
    if (code === recall(LAST_CODE)) {
      status.textContent = scanner.dataset.textSame;
      return;
    }
    remember(LAST_CODE, code);
    remember(SCANNING, "1");
    halt();
    input.value = code;
    if (form.requestSubmit) {
      form.requestSubmit();
    } else {
      form.submit();
    }
  }

  function look() {
    if (video.readyState < 2) {
      return;
    }
    detector.detect(video).then(function (codes) {
      if (codes.length && timer !== null) {
        found(codes[0].rawValue);
      }
    }).catch(function () {
      // A frame the detector could not read: the next one may do.
    });
  }

  function begin() {
    navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" }, audio: false })
      .then(function (media) {
        stream = media;
        video.srcObject = media;
        return video.play();
      })
      .then(function () {
        showScanning(true);
        status.textContent = scanner.dataset.textScanning;
        timer = window.setInterval(look, INTERVAL_MS);
      })
      .catch(function () {
        halt();
        remember(SCANNING, null);
        status.textContent = scanner.dataset.textFailed;
      });
  }

  window.BarcodeDetector.getSupportedFormats().then(function (formats) {
    if (formats.indexOf("qr_code") === -1) {
      return;
    }
    detector = new window.BarcodeDetector({ formats: ["qr_code"] });
    scanner.hidden = false;
    start.addEventListener("click", function () {
      remember(LAST_CODE, null);
      begin();
    });
    stop.addEventListener("click", function () {
      remember(SCANNING, null);
      halt();
      status.textContent = "";
    });
    // A code typed by hand starts afresh: the next scan of any code counts.
    form.addEventListener("submit", function () {
      if (timer === null && input.value !== recall(LAST_CODE)) {
        remember(LAST_CODE, null);
      }
    });
    if (recall(SCANNING) === "1") {
      begin();
    }
  });
})();
