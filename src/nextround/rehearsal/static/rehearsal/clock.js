// The case session's live clock: the time since the current phase began, updated each second.
// The page works without it; the phase buttons record the moments on the server.
(function () {
  "use strict";
  var clocks = document.querySelectorAll("[data-clock]");
  function pad(n) { return n < 10 ? "0" + n : String(n); }
  function tick() {
    clocks.forEach(function (el) {
      var since = Date.parse(el.getAttribute("data-since"));
      if (isNaN(since)) { return; }
      var seconds = Math.max(0, Math.floor((Date.now() - since) / 1000));
      el.textContent = Math.floor(seconds / 60) + ":" + pad(seconds % 60);
    });
  }
  if (clocks.length) { tick(); setInterval(tick, 1000); }
})();
