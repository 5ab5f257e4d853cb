// The verification page's "Scan the QR code" button: the camera finds a certificate's QR code
// where the browser can (BarcodeDetector); elsewhere the form's picture field is read on the
// server instead.
(function () {
    "use strict";
    var form = document.querySelector("[data-verify-form]");
    if (!form || !("BarcodeDetector" in window) || !navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
        return;
    }
    var button = form.querySelector("[data-scan-button]");
    var video = form.querySelector("[data-scan-video]");
    var status = form.querySelector("[data-scan-status]");
    var link = form.querySelector("input[name=url]");
    button.hidden = false;

    function stop(stream) {
        if (stream) {
            stream.getTracks().forEach(function (track) { track.stop(); });
        }
        video.hidden = true;
    }

    button.addEventListener("click", function () {
        var detector = new window.BarcodeDetector({ formats: ["qr_code"] });
        var stream = null;
        navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } }).then(function (camera) {
            stream = camera;
            video.srcObject = camera;
            video.hidden = false;
            status.textContent = button.dataset.scanning;
            return video.play();
        }).then(function look() {
            return detector.detect(video).then(function (codes) {
                if (codes.length) {
                    stop(stream);
                    link.value = codes[0].rawValue;
                    form.submit();
                    return null;
                }
                return new Promise(function (resolve) { window.setTimeout(resolve, 200); }).then(look);
            });
        }).catch(function () {
            stop(stream);
            status.textContent = button.dataset.failed;
        });
    });
}());
