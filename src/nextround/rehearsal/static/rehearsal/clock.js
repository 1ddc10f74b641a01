// The case session's live clock: the time since the current phase began, updated each second.
// The page works without it; the phase buttons record the moments on the server.
// Clocks are looked up at each tick: a recorded case swaps the phases card in place.
(function () {
  "use strict";
  function pad(n) { return n < 10 ? "0" + n : String(n); }
  function tick() {
    document.querySelectorAll("[data-clock]").forEach(function (el) {
      var since = Date.parse(el.getAttribute("data-since"));
      if (isNaN(since)) { return; }
      var seconds = Math.max(0, Math.floor((Date.now() - since) / 1000));
      el.textContent = Math.floor(seconds / 60) + ":" + pad(seconds % 60);
    });
  }
  tick();
  setInterval(tick, 1000);
})();
