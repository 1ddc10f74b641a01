// A run-through's slide changes: while the practice recorder records, Space or the "Next slide"
// button notes the moment, written into the form's marks field that the recording is sent with.
(() => {
  const next = document.getElementById("next-slide");
  const field = document.getElementById("id_marks");
  const slides = document.querySelectorAll("#run-slides li");
  let started = null;
  let marks = [];
  const clock = (s) => Math.floor(s / 60) + ":" + (s % 60).toFixed(1).padStart(4, "0");
  const show = () => {
    slides.forEach((li, i) => {
      if (i === marks.length) li.setAttribute("aria-current", "step");
      else li.removeAttribute("aria-current");
    });
    next.disabled = started === null || marks.length >= slides.length - 1;
  };
  const mark = () => {
    if (started === null || marks.length >= slides.length - 1) return;
    marks.push((performance.now() - started) / 1000);
    field.value = marks.map(clock).join(", ");
    show();
  };
  document.addEventListener("practice:started", () => {
    started = performance.now();
    marks = [];
    field.value = "";
    show();
  });
  document.addEventListener("practice:stopped", () => { started = null; show(); });
  next.addEventListener("click", mark);
  const typing = (el) => el.matches("input, textarea, select");
  document.addEventListener("keydown", (event) => {
    if (event.code !== "Space" || started === null || typing(event.target)) return;
    event.preventDefault();  // not a click on the focused button, not a scroll
    if (!event.repeat) mark();
  });
  document.addEventListener("keyup", (event) => {
    if (event.code === "Space" && started !== null && !typing(event.target)) event.preventDefault();
  });
})();
