// The practice timer: starts with the first keystroke or the recording, against the target length.
(() => {
  const box = document.getElementById("timer");
  if (!box) return;
  box.hidden = false;
  const clock = document.getElementById("timer-clock");
  const bar = document.getElementById("timer-bar");
  const note = document.getElementById("timer-note");
  const low = Number(box.dataset.targetLow), high = Number(box.dataset.targetHigh);
  const rambling = Number(box.dataset.rambling);
  let began = null, ticking = null;
  const show = () => {
    const seconds = Math.floor((Date.now() - began) / 1000);
    clock.textContent = Math.floor(seconds / 60) + ":" + String(seconds % 60).padStart(2, "0");
    bar.value = Math.min(seconds, rambling);
    note.textContent = seconds < low ? "keep going" : seconds <= high ? "a good length" :
      seconds <= rambling ? "time to land the result" : "wrap up now";
    box.dataset.state = seconds < low ? "short" : seconds <= high ? "good" : seconds <= rambling ? "long" : "over";
  };
  const begin = () => { if (began === null) { began = Date.now(); ticking = setInterval(show, 500); show(); } };
  const answer = document.getElementById("id_text");
  if (answer) answer.addEventListener("input", begin, {once: true});
  document.addEventListener("practice:started", () => { began = null; clearInterval(ticking); begin(); });
  document.addEventListener("practice:stopped", () => clearInterval(ticking));
})();
